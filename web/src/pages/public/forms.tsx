// The published evaluation forms (KSF-4.2: the criteria are known in
// advance): the list, and one form with every question, its weight and
// whether it is critical, may be N/A or needs a comment.
import { Link } from '../../components/link';
import { Empty, ErrorNotice, Loading } from '../../components/notice';
import { Page } from '../../components/page';
import { useApi } from '../../hooks';
import { type MessageKey, useI18n } from '../../i18n';
import type { EvaluationForm, Items } from '../../types/api';

export function FormsPage() {
  const { t, date } = useI18n();
  const { data, error, loading } = useApi<Items<EvaluationForm>>('/api/v1/forms');
  return (
    <Page title={t('public.forms.title')} intro={<p>{t('public.forms.intro')}</p>}>
      {loading && <Loading />}
      <ErrorNotice error={error} />
      {data && data.items.length === 0 && <Empty>{t('public.forms.none')}</Empty>}
      {data && data.items.length > 0 && (
        <table class="data">
          <thead>
            <tr>
              <th scope="col">{t('public.forms.title')}</th>
              <th scope="col">{t('public.forms.purpose')}</th>
              <th scope="col" class="num">
                {t('public.forms.version')}
              </th>
              <th scope="col">{t('common.date')}</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((form) => (
              <tr key={form.id}>
                <th scope="row">
                  <Link href={`/forms/${encodeURIComponent(form.id)}`}>{form.name}</Link>
                </th>
                <td>{t(`common.purpose.${form.purpose}` as MessageKey)}</td>
                <td class="num">{form.version}</td>
                <td>{date(form.published_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  );
}

export function FormView({ form }: { form: EvaluationForm }) {
  const { t, number } = useI18n();
  return (
    <>
      <p id="rule-KSF-4.2">
        {t('public.forms.purpose')}: {t(`common.purpose.${form.purpose}` as MessageKey)} ·{' '}
        {t('public.forms.version')} {form.version}
      </p>
      <p class="hint">{t('public.forms.criticalHint')}</p>
      {form.sections.map((section) => (
        <section key={section.title} class="card">
          <h2>{section.title}</h2>
          <div class="table-scroll">
            <table class="data">
              <thead>
                <tr>
                  <th scope="col">{t('public.forms.question')}</th>
                  <th scope="col" class="num">
                    {t('public.forms.weight')}
                  </th>
                  <th scope="col" class="num">
                    {t('public.forms.maxScore')}
                  </th>
                  <th scope="col">{t('public.forms.critical')}</th>
                  <th scope="col">{t('public.forms.na')}</th>
                  <th scope="col">{t('public.forms.comment')}</th>
                </tr>
              </thead>
              <tbody>
                {section.questions.map((q) => (
                  <tr key={q.id}>
                    <th scope="row">{q.text}</th>
                    <td class="num">{number(q.weight, 1)}</td>
                    <td class="num">{q.max_score}</td>
                    <td>{q.critical ? t('common.yes') : t('common.no')}</td>
                    <td>{q.allow_na ? t('common.yes') : t('common.no')}</td>
                    <td>{q.comment_required ? t('common.yes') : t('common.no')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </>
  );
}

export function FormPage({ id }: { id: string }) {
  const { t, date } = useI18n();
  const { data, error, loading } = useApi<EvaluationForm>(`/api/v1/forms/${encodeURIComponent(id)}`);
  return (
    <Page
      title={data ? data.name : t('public.forms.title')}
      intro={data && <p>{t('public.forms.published', { date: date(data.published_at) })}</p>}
      actions={<Link href="/forms">{t('public.forms.back')}</Link>}
    >
      {loading && <Loading />}
      <ErrorNotice error={error} />
      {data && <FormView form={data} />}
    </Page>
  );
}
