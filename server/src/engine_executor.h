#pragma once

// One thread that runs a connection's engine calls. The embedded API ties a transaction to the
// thread that began it and lets begin_write() block until the current writer finishes, so each
// connection's statements run on a thread of their own: a blocked writer then holds up only
// its own connection, never the network threads or the readers.

#include "server/src/asio.h"

namespace quiver::server {

class EngineExecutor {
 public:
  EngineExecutor() : pool_(1) {}

  // Joins the thread after the jobs already posted finish.
  ~EngineExecutor() { pool_.join(); }

  EngineExecutor(const EngineExecutor&) = delete;
  EngineExecutor& operator=(const EngineExecutor&) = delete;

  // Runs JOB on the engine thread and resumes the awaiting coroutine on its own executor once
  // JOB returns; an exception JOB throws is rethrown in the coroutine. JOB may refer to the
  // caller's locals: the caller is suspended until it ends.
  template <typename Job>
  asio::awaitable<void> run(Job job) {
    co_await asio::co_spawn(
        pool_.get_executor(),
        [&job]() -> asio::awaitable<void> {
          job();
          co_return;
        },
        asio::use_awaitable);
  }

 private:
  asio::thread_pool pool_;
};

}  // namespace quiver::server
