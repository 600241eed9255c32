// Table-driven tests of the capture gate (DecideCapture), capture segments
// (PCI-pause, HOLD-silence), live listening and the live notice
// (TRANSPARENCY-live, KSF-6.4).
#include "policy/capture.h"

#include <gtest/gtest.h>

#include "policy/policy_test_util.h"

namespace fairqm::policy {
namespace {

using namespace testing_util;  // NOLINT

CaptureFacts BaseCapture() {
  CaptureFacts facts;
  facts.regulation = ActiveRegulation();
  facts.agent = Agent();
  facts.line_kind = LineKind::kBusiness;
  facts.purpose = Purpose::kCoaching;
  facts.channel = Channel::kVoice;
  facts.announced = true;
  facts.form_published_at = T0() - Days(5);
  facts.now = T0();
  return facts;
}

using CaptureCase = Case<CaptureFacts>;
class CaptureTable : public ::testing::TestWithParam<CaptureCase> {};

TEST_P(CaptureTable, Decides) {
  CaptureFacts facts = BaseCapture();
  GetParam().mutate(facts);
  ExpectDecision(DecideCapture(facts), GetParam().expect_rule);
}

const CaptureCase kCaptureCases[] = {
    {"AllowsInformedAgentOnBusinessLine", [](CaptureFacts&) {}, ""},
    // KSF-3.1
    {"KSF_3_1_RefusesWithoutRegulation", [](CaptureFacts& f) { f.regulation.reset(); }, "KSF-3.1"},
    {"KSF_3_1_RefusesDraftRegulation",
     [](CaptureFacts& f) { f.regulation->status = RegulationStatus::kDraft; }, "KSF-3.1"},
    {"KSF_3_1_RefusesSupersededRegulation",
     [](CaptureFacts& f) { f.regulation->status = RegulationStatus::kSuperseded; }, "KSF-3.1"},
    {"KSF_3_1_RefusesRegulationActivatedInFuture",
     [](CaptureFacts& f) { f.regulation->activated_at = f.now + 1; }, "KSF-3.1"},
    // KSF-3.9
    {"KSF_3_9_RefusesPrivateLine", [](CaptureFacts& f) { f.line_kind = LineKind::kPrivate; },
     "KSF-3.9"},
    {"KSF_3_9_PrivateLineRefusedEvenForUnknownAgent",
     [](CaptureFacts& f) {
       f.line_kind = LineKind::kPrivate;
       f.agent.reset();
     },
     "KSF-3.9"},
    // KSF-2.1-confidential
    {"KSF_2_1_confidential_RefusesConfidentialLine",
     [](CaptureFacts& f) { f.line_kind = LineKind::kConfidential; }, "KSF-2.1-confidential"},
    {"KSF_2_1_confidential_RefusesWorksCouncilMember",
     [](CaptureFacts& f) { f.agent->protected_role = ProtectedRole::kWorksCouncilMember; },
     "KSF-2.1-confidential"},
    {"KSF_2_1_confidential_RefusesCompanyDoctor",
     [](CaptureFacts& f) { f.agent->protected_role = ProtectedRole::kCompanyDoctor; },
     "KSF-2.1-confidential"},
    {"KSF_2_1_confidential_RefusesConfidentialAdviserByFunction",
     [](CaptureFacts& f) { f.agent->function = JobFunction::kConfidentialAdviser; },
     "KSF-2.1-confidential"},
    // KSF-3.2
    {"KSF_3_2_RefusesUnknownAgent", [](CaptureFacts& f) { f.agent.reset(); }, "KSF-3.2"},
    {"KSF_3_2_RefusesTeamLead", [](CaptureFacts& f) { f.agent->function = JobFunction::kTeamLead; },
     "KSF-3.2"},
    {"KSF_3_2_RefusesAgentWithoutCustomerContact",
     [](CaptureFacts& f) { f.agent->customer_contact = false; }, "KSF-3.2"},
    {"KSF_3_2_AllowsAgencyAgent",
     [](CaptureFacts& f) { f.agent->contract = ContractType::kAgency; }, ""},
    {"KSF_3_2_AllowsOnCallAgent",
     [](CaptureFacts& f) { f.agent->contract = ContractType::kOnCall; }, ""},
    {"KSF_3_2_AllowsTemporaryAgent",
     [](CaptureFacts& f) { f.agent->contract = ContractType::kTemporary; }, ""},
    {"KSF_3_2_RefusesAgentWhoLeft", [](CaptureFacts& f) { f.agent->leave_date = f.now; },
     "KSF-3.2"},
    {"KSF_3_2_AllowsAgentLeavingLater", [](CaptureFacts& f) { f.agent->leave_date = f.now + 1; },
     ""},
    {"KSF_3_2_RefusesAgentNotYetStarted", [](CaptureFacts& f) { f.agent->start_date = f.now + 1; },
     "KSF-3.2"},
    // KSF-3.7
    {"KSF_3_7_RefusesUninformedAgent", [](CaptureFacts& f) { f.agent->informed_at.reset(); },
     "KSF-3.7"},
    {"KSF_3_7_RefusesAgentInformedInFuture",
     [](CaptureFacts& f) { f.agent->informed_at = f.now + 1; }, "KSF-3.7"},
    {"KSF_3_7_AllowsAgentInformedJustNow", [](CaptureFacts& f) { f.agent->informed_at = f.now; },
     ""},
    // AVG-21
    {"AVG_21_RefusesDoNotRecord", [](CaptureFacts& f) { f.do_not_record = true; }, "AVG-21"},
    {"AVG_21_DoNotRecordWinsOverContractKnowledge",
     [](CaptureFacts& f) {
       f.do_not_record = true;
       f.customer_informed_by_contract = true;
     },
     "AVG-21"},
    // KSF-6.6
    {"KSF_6_6_RefusesUnannouncedContact", [](CaptureFacts& f) { f.announced = false; }, "KSF-6.6"},
    {"KSF_6_6_AllowsCustomerInformedByContract",
     [](CaptureFacts& f) {
       f.announced = false;
       f.customer_informed_by_contract = true;
     },
     ""},
    // KSF-1.2
    {"KSF_1_2_RefusesDisabledPurpose",
     [](CaptureFacts& f) {
       f.regulation->purposes[2].enabled = false;
       f.purpose = Purpose::kQuality;
     },
     "KSF-1.2"},
    {"KSF_1_2_RefusesPurposeMissingFromRegulation",
     [](CaptureFacts& f) {
       f.regulation->purposes.erase(f.regulation->purposes.begin());
       f.purpose = Purpose::kCoaching;
     },
     "KSF-1.2"},
    // KSF-1.3
    {"KSF_1_3_RefusesChannelNotInRegulation", [](CaptureFacts& f) { f.channel = Channel::kChat; },
     "KSF-1.3"},
    {"KSF_1_3_AllowsScreenWhenEnabled", [](CaptureFacts& f) { f.channel = Channel::kScreen; }, ""},
    {"KSF_1_3_AllowsEmailWhenEnabled",
     [](CaptureFacts& f) {
       f.regulation->purposes[0].channels.insert(Channel::kEmail);
       f.channel = Channel::kEmail;
     },
     ""},
    // KSF-4.1
    {"KSF_4_1_AllowsAssessmentWithApprovedProtocol",
     [](CaptureFacts& f) { f.purpose = Purpose::kAssessment; }, ""},
    {"KSF_4_1_RefusesAssessmentWithoutApprovedProtocol",
     [](CaptureFacts& f) {
       f.purpose = Purpose::kAssessment;
       f.regulation->assessment_protocol_approved_at.reset();
     },
     "KSF-4.1"},
    {"KSF_4_1_RefusesAssessmentWithoutProtocolReference",
     [](CaptureFacts& f) {
       f.purpose = Purpose::kAssessment;
       f.regulation->assessment_protocol_reference.clear();
     },
     "KSF-4.1"},
    {"KSF_4_1_CoachingNeedsNoProtocol",
     [](CaptureFacts& f) { f.regulation->assessment_protocol_approved_at.reset(); }, ""},
    // KSF-4.2
    {"KSF_4_2_RefusesAssessmentWithoutPublishedForm",
     [](CaptureFacts& f) {
       f.purpose = Purpose::kAssessment;
       f.form_published_at.reset();
     },
     "KSF-4.2"},
    {"KSF_4_2_RefusesFormPublishedLater",
     [](CaptureFacts& f) {
       f.purpose = Purpose::kAssessment;
       f.form_published_at = f.now + 1;
     },
     "KSF-4.2"},
    {"KSF_4_2_CoachingNeedsNoForm", [](CaptureFacts& f) { f.form_published_at.reset(); }, ""},
    // KSF-3.6
    {"KSF_3_6_AllowsLastContactOfQuota", [](CaptureFacts& f) { f.recordings_in_period = 9; }, ""},
    {"KSF_3_6_RefusesOnceQuotaUsed", [](CaptureFacts& f) { f.recordings_in_period = 10; },
     "KSF-3.6"},
    {"KSF_3_6_RefusesZeroQuota",
     [](CaptureFacts& f) { f.regulation->purposes[0].frequency_quota = 0; }, "KSF-3.6"},
    // KSF-4.7
    {"KSF_4_7_ExtraMomentAllowedOutsideQuota",
     [](CaptureFacts& f) {
       f.purpose = Purpose::kAssessment;
       f.recordings_in_period = 10;
       f.extra_moment = true;
       f.extra_moments_in_assessment_period = 2;
     },
     ""},
    {"KSF_4_7_RefusesFourthExtraMomentRecording",
     [](CaptureFacts& f) {
       f.purpose = Purpose::kAssessment;
       f.extra_moment = true;
       f.extra_moments_in_assessment_period = 3;
     },
     "KSF-4.7"},
    {"KSF_4_7_ExtraMomentOnlyForAssessment",
     [](CaptureFacts& f) {
       f.extra_moment = true;
       f.recordings_in_period = 10;
     },
     "KSF-4.7"},
    {"KSF_4_7_ExtraMomentStillNeedsInformedAgent",
     [](CaptureFacts& f) {
       f.purpose = Purpose::kAssessment;
       f.extra_moment = true;
       f.agent->informed_at.reset();
     },
     "KSF-3.7"},
};

INSTANTIATE_TEST_SUITE_P(Capture, CaptureTable, ::testing::ValuesIn(kCaptureCases), CaseName());

// The documented order: regulation before line before person before customer
// before purpose before quota.
TEST(CaptureOrder, FirstFailingCheckWins) {
  CaptureFacts facts = BaseCapture();
  facts.recordings_in_period = 99;
  EXPECT_EQ(DecideCapture(facts).rule, "KSF-3.6");
  facts.channel = Channel::kChat;
  EXPECT_EQ(DecideCapture(facts).rule, "KSF-1.3");
  facts.announced = false;
  EXPECT_EQ(DecideCapture(facts).rule, "KSF-6.6");
  facts.agent->informed_at.reset();
  EXPECT_EQ(DecideCapture(facts).rule, "KSF-3.7");
  facts.agent->protected_role = ProtectedRole::kConfidentialAdviser;
  EXPECT_EQ(DecideCapture(facts).rule, "KSF-2.1-confidential");
  facts.line_kind = LineKind::kPrivate;
  EXPECT_EQ(DecideCapture(facts).rule, "KSF-3.9");
  facts.regulation.reset();
  EXPECT_EQ(DecideCapture(facts).rule, "KSF-3.1");
}

TEST(CaptureReason, KSF_3_1_SaysInDutchWhy) {
  CaptureFacts facts = BaseCapture();
  facts.regulation.reset();
  Decision decision = DecideCapture(facts);
  EXPECT_EQ(decision.reason_nl,
            "Er is geen actieve regeling kwaliteitsmonitoring; zonder regeling wordt niet "
            "gemonitord.");
  EXPECT_FALSE(static_cast<bool>(decision));
}

// PCI-pause, HOLD-silence
TEST(CaptureSegment, PCI_pause_And_HOLD_silence) {
  ExpectDecision(DecideCaptureSegment(SegmentState::kActive), "");
  ExpectDecision(DecideCaptureSegment(SegmentState::kPausedForCardData), "PCI-pause");
  ExpectDecision(DecideCaptureSegment(SegmentState::kCustomerOnHold), "HOLD-silence");
}

// ---------------------------------------------------------------------------
// Live listening

LiveListenFacts BaseLive() {
  LiveListenFacts facts;
  facts.regulation = ActiveRegulation();
  facts.agent = Agent();
  facts.listener_role = Role::kMonitor;
  facts.listener_id = "emp-monitor";
  facts.listener_authorisations = {MonitorAuthorisation()};
  facts.purpose = Purpose::kCoaching;
  facts.now = T0();
  return facts;
}

void MakeClientListener(LiveListenFacts& f) {
  f.listener_role = Role::kClient;
  f.listener_id = "client-user-1";
  f.listener_authorisations = {ClientAuthorisation()};
  f.contract = IndividualContract();
  f.purpose = Purpose::kQuality;
}

using LiveCase = Case<LiveListenFacts>;
class LiveTable : public ::testing::TestWithParam<LiveCase> {};

TEST_P(LiveTable, Decides) {
  LiveListenFacts facts = BaseLive();
  GetParam().mutate(facts);
  ExpectDecision(DecideLiveListen(facts), GetParam().expect_rule);
}

const LiveCase kLiveCases[] = {
    {"KSF_3_3_AllowsAuthorisedMonitor", [](LiveListenFacts&) {}, ""},
    {"KSF_3_1_RefusesWithoutRegulation", [](LiveListenFacts& f) { f.regulation.reset(); },
     "KSF-3.1"},
    {"AVG_32_RefusesAdministrator", [](LiveListenFacts& f) { f.listener_role = Role::kAdmin; },
     "AVG-32"},
    {"AVG_32_RefusesPrivacyOfficerByRole",
     [](LiveListenFacts& f) { f.listener_role = Role::kPrivacyOfficer; }, "AVG-32"},
    {"KSF_3_3_RefusesAgentListeningIn", [](LiveListenFacts& f) { f.listener_role = Role::kAgent; },
     "KSF-3.3"},
    {"KSF_3_9_RefusesPrivateLine", [](LiveListenFacts& f) { f.line_kind = LineKind::kPrivate; },
     "KSF-3.9"},
    {"KSF_2_1_confidential_RefusesConfidentialLine",
     [](LiveListenFacts& f) { f.line_kind = LineKind::kConfidential; }, "KSF-2.1-confidential"},
    {"KSF_2_1_confidential_RefusesConfidentialAdviser",
     [](LiveListenFacts& f) { f.agent->protected_role = ProtectedRole::kConfidentialAdviser; },
     "KSF-2.1-confidential"},
    {"KSF_3_2_RefusesNonAgent",
     [](LiveListenFacts& f) { f.agent->function = JobFunction::kManager; }, "KSF-3.2"},
    {"KSF_3_7_RefusesUninformedAgent", [](LiveListenFacts& f) { f.agent->informed_at.reset(); },
     "KSF-3.7"},
    {"KSF_1_2_RefusesDisabledPurpose",
     [](LiveListenFacts& f) { f.regulation->purposes[0].enabled = false; }, "KSF-1.2"},
    {"KSF_4_1_RefusesAssessmentWithoutProtocol",
     [](LiveListenFacts& f) {
       f.purpose = Purpose::kAssessment;
       f.regulation->assessment_protocol_approved_at.reset();
     },
     "KSF-4.1"},
    {"KSF_3_3_RefusesUnauthorisedMonitor",
     [](LiveListenFacts& f) { f.listener_authorisations.clear(); }, "KSF-3.3"},
    {"KSF_3_3_RefusesUnacknowledgedConfidentiality",
     [](LiveListenFacts& f) {
       f.listener_authorisations[0].confidentiality_acknowledged_at.reset();
     },
     "KSF-3.3"},
    {"KSF_3_4_RefusesAuthorisationForOtherPurpose",
     [](LiveListenFacts& f) { f.listener_authorisations[0].purposes = {Purpose::kQuality}; },
     "KSF-3.4"},
    {"KSF_6_2_AllowsClientUnderIndividualContract", MakeClientListener, ""},
    {"KSF_6_2_RefusesClientWithoutContract",
     [](LiveListenFacts& f) {
       MakeClientListener(f);
       f.contract.reset();
     },
     "KSF-6.2"},
    {"KSF_6_2_RefusesClientWithAggregateOnlyContract",
     [](LiveListenFacts& f) {
       MakeClientListener(f);
       f.contract->individual_level = false;
     },
     "KSF-6.2"},
    {"KSF_6_2_RefusesClientBeforeAgentsInformed",
     [](LiveListenFacts& f) {
       MakeClientListener(f);
       f.contract->agents_informed_at.reset();
     },
     "KSF-6.2"},
    {"KSF_6_5_RefusesClientListeningForAssessment",
     [](LiveListenFacts& f) {
       MakeClientListener(f);
       f.purpose = Purpose::kAssessment;
     },
     "KSF-6.5"},
    {"KSF_3_3_RefusesClientWithoutClientAuthorisation",
     [](LiveListenFacts& f) {
       MakeClientListener(f);
       f.listener_authorisations[0].client_id.clear();
     },
     "KSF-3.3"},
};

INSTANTIATE_TEST_SUITE_P(Live, LiveTable, ::testing::ValuesIn(kLiveCases), CaseName());

// TRANSPARENCY-live
TEST(LiveNotice, TRANSPARENCY_live_NothingHappeningShowsNothing) {
  LiveNotice notice = BuildLiveNotice({});
  EXPECT_FALSE(notice.visible);
  EXPECT_TRUE(notice.text_nl.empty());
}

TEST(LiveNotice, TRANSPARENCY_live_ShowsRecordingAndListenerByNameAndRole) {
  LiveNoticeFacts facts;
  facts.recording = true;
  facts.purpose = Purpose::kCoaching;
  facts.listeners = {{Role::kMonitor, "Jan de Vries", ""}};
  LiveNotice notice = BuildLiveNotice(facts);
  EXPECT_TRUE(notice.visible);
  EXPECT_FALSE(notice.client_listening);
  EXPECT_EQ(notice.text_nl,
            "Dit contact wordt opgenomen voor coaching, training en begeleiding. Live "
            "meegeluisterd door: Jan de Vries (monitor).");
  EXPECT_EQ(notice.text_en,
            "This contact is being recorded for coaching. Listened to live by: Jan de Vries "
            "(monitor).");
}

// KSF-6.4: a client listener is shown by role and client, not by person.
TEST(LiveNotice, KSF_6_4_ClientListenerShownByRoleNotName) {
  LiveNoticeFacts facts;
  facts.listeners = {{Role::kClient, "Piet Klant", "Energiebedrijf"}};
  LiveNotice notice = BuildLiveNotice(facts);
  EXPECT_TRUE(notice.visible);
  EXPECT_TRUE(notice.client_listening);
  EXPECT_EQ(notice.text_nl, "Live meegeluisterd door: opdrachtgever Energiebedrijf.");
  EXPECT_EQ(notice.text_nl.find("Piet"), std::string::npos);
  EXPECT_EQ(notice.text_en.find("Piet"), std::string::npos);
}

}  // namespace
}  // namespace fairqm::policy
