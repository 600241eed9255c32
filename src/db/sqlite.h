// SqliteDatabase: the embedded catalogue engine (the default), one SQLite file
// in WAL mode.
//
// Connections. Writer() and Reader() hand out db::Connection objects. Any
// number may exist at once, but at most one write transaction runs at a time
// in this process: a writer connection takes the database's writer mutex in
// Begin() and releases it in Commit()/Rollback() (a statement run outside a
// transaction on a writer holds it for that statement). Holding the mutex per
// transaction rather than per connection lets a long-lived writer connection
// sit idle without blocking others. Between processes (CLI beside the server)
// SQLite's own lock (BEGIN IMMEDIATE) serialises writers and the busy timeout
// makes the second one wait. Reader connections are query-only; their Begin()
// opens a read snapshot (WAL readers never block the writer, nor it them).
//
// Pragmas per connection: journal_mode=WAL, foreign_keys=ON, busy_timeout,
// synchronous=NORMAL. NORMAL in WAL mode never corrupts the file and survives
// an application crash; only an operating-system crash or power cut can lose
// the last transactions committed since the previous checkpoint — an action
// and its audit entry are lost together, never one without the other (they
// share a transaction). FULL would fsync every commit for that last margin.
//
// Each connection caches its prepared statements by SQL text (store code runs
// the same constants over and over). Placeholders are `$1..$n`; SQLite treats
// them as named parameters and they are bound by their number, so `$2` may
// appear before `$1` and a number may repeat.
//
// Ownership and threads: SqliteDatabase is thread-safe and must outlive every
// connection it handed out. A Connection belongs to one thread at a time.
// Closed connections return to a small pool so their statement caches survive.
// Failures are Result values: kConflict for constraint violations, kNotFound
// for a missing file when create is false, kIo for everything else.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/result.h"
#include "db/db.h"

struct sqlite3;

namespace fairqm::db {

class SqliteHandle;

// WAL pages after which the background checkpointer copies the log back into
// the catalogue file.
inline constexpr int kCheckpointPages = 1000;

class SqliteDatabase {
 public:
  struct Options {
    bool create = true;          // create the file if it does not exist
    int busy_timeout_ms = 5000;  // how long a writer waits for another
  };

  static Result<std::unique_ptr<SqliteDatabase>> Open(const std::string& path, Options options);
  static Result<std::unique_ptr<SqliteDatabase>> Open(const std::string& path) {
    return Open(path, Options{});
  }
  ~SqliteDatabase();
  SqliteDatabase(const SqliteDatabase&) = delete;
  SqliteDatabase& operator=(const SqliteDatabase&) = delete;

  // A connection that may write (one write transaction at a time).
  Result<std::unique_ptr<Connection>> Writer();
  // A query-only connection.
  Result<std::unique_ptr<Connection>> Reader();

  const std::string& path() const { return path_; }

 private:
  friend class SqliteConnection;
  SqliteDatabase(std::string path, Options options);

  Result<std::unique_ptr<SqliteHandle>> TakeHandle(bool writer);
  void ReturnHandle(std::unique_ptr<SqliteHandle> handle, bool writer);
  // Takes the writer mutex, waiting at most the busy timeout.
  Status LockWriter();
  void UnlockWriter() { writer_mutex_.unlock(); }

  // Checkpoints run on a thread of their own, not in the committing caller:
  // SQLite's automatic checkpoint would make every ~100th capture decision
  // wait for two fsyncs. Writers' commits signal it through the WAL hook.
  static int OnWalCommit(void* database, sqlite3* db, const char* name, int pages);
  void CheckpointLoop();

  const std::string path_;
  const Options options_;
  std::mutex checkpoint_mutex_;
  std::condition_variable checkpoint_wanted_;
  bool checkpoint_pending_ = false;  // GUARDED_BY(checkpoint_mutex_)
  bool stopping_ = false;            // GUARDED_BY(checkpoint_mutex_)
  std::thread checkpointer_;
  std::timed_mutex writer_mutex_;
  std::mutex pool_mutex_;
  std::vector<std::unique_ptr<SqliteHandle>> idle_writers_;  // GUARDED_BY(pool_mutex_)
  std::vector<std::unique_ptr<SqliteHandle>> idle_readers_;  // GUARDED_BY(pool_mutex_)
  std::atomic<int> open_connections_{0};
};

}  // namespace fairqm::db
