#include "shell/interactive.h"

#include <editline/readline.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "shell/commands.h"
#include "shell/statement_splitter.h"

namespace quiver::shell {

std::optional<std::string> StreamLineSource::read_line(const std::string&) {
  std::string line;
  if (!std::getline(in_, line)) {
    return std::nullopt;
  }
  if (!line.empty() && line.back() == '\r') {
    line.pop_back();
  }
  return line;
}

namespace {

// Set by Ctrl-C on the terminal; the embedded backend stops its running statement when it is
// set. `running` is true while a statement runs. Lock-free, so the signal handler may use them.
std::atomic<bool> interrupted{false};
std::atomic<bool> running{false};
static_assert(std::atomic<bool>::is_always_lock_free);

// Ctrl-C cancels the running statement rather than ending the shell (and the open transaction
// with it), and at the prompt does nothing. A second Ctrl-C while a statement still runs after
// the first ends the shell as the default action would: the way out of a statement that cannot
// be stopped (one running on a server).
void on_interrupt(int) {
  if (interrupted.exchange(true) && running.load()) {
    std::signal(SIGINT, SIG_DFL);
    std::raise(SIGINT);
  }
}

class TerminalLineSource : public LineSource {
 public:
  explicit TerminalLineSource(std::string history_file) : history_file_(std::move(history_file)) {
    using_history();
    stifle_history(2000);
    if (!history_file_.empty()) {
      read_history(history_file_.c_str());
    }
  }

  std::optional<std::string> read_line(const std::string& prompt) override {
    char* line = readline(prompt.c_str());
    // libedit gives up the line when Ctrl-C interrupts it: start a fresh one, as a shell does.
    while (line == nullptr && interrupted.exchange(false)) {
      std::fputs("\n", stdout);
      line = readline(prompt.c_str());
    }
    // A line read is a fresh start: a Ctrl-C before it counts as the first again.
    interrupted.store(false);
    if (line == nullptr) {
      return std::nullopt;
    }
    std::string text(line);
    std::free(line);
    return text;
  }

  void remember(const std::string& entry) override {
    add_history(entry.c_str());
    if (!history_file_.empty()) {
      write_history(history_file_.c_str());
    }
  }

 private:
  std::string history_file_;
};

constexpr const char* kHelp =
    "Statements end with a semicolon and may span lines. Commands:\n"
    "  :help                    this text\n"
    "  :quit, :exit             leave the shell (so does end of input, Ctrl-D)\n"
    "  :schema                  labels, relationship types, property keys, indexes,\n"
    "                           constraints and counts\n"
    "  :param NAME => VALUE     set $NAME to the Cypher literal VALUE\n"
    "  :params                  list the parameters; ':params clear' removes them all\n"
    "  :format table|csv|json   how results are printed\n"
    "  :timing on|off           the summary line after each table\n"
    "  :rows N                  rows of a table shown before the rest is counted only\n"
    "  :source FILE             run the statements of FILE\n"
    "  :begin [read]            start an explicit write (or read) transaction\n"
    "  :commit, :rollback       end it, keeping or discarding its writes\n"
    "Ctrl-C stops the running statement (embedded; on a server it runs to its end, and a\n"
    "second Ctrl-C leaves the shell).\n";

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) {
    return "";
  }
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

// True when BUFFER holds only finished statements (each ended by a semicolon outside strings,
// names and comments): a probe statement appended after it then stands alone.
bool statements_finished(const std::string& buffer) {
  std::vector<ScriptStatement> pieces = split_statements(buffer + "\nRETURN 0");
  return !pieces.empty() && pieces.back().text == "RETURN 0";
}

class Shell {
 public:
  Shell(ShellBackend& backend, const ShellSettings& settings, std::ostream& out, std::ostream& err)
      : backend_(backend), settings_(settings), out_(out), err_(err), params_(settings.params) {}

  int run(LineSource& lines) {
    std::string buffer;
    for (;;) {
      std::optional<std::string> line = lines.read_line(!buffer.empty()    ? "   ...> "
                                                        : in_transaction() ? "quiver(tx)> "
                                                                           : "quiver> ");
      if (!line) {
        break;
      }
      if (buffer.empty() && trim(*line).rfind(':', 0) == 0) {
        lines.remember(trim(*line));
        if (!command(trim(*line)) || quit_) {
          if (quit_ || settings_.stop_on_error) {
            break;
          }
        }
        continue;
      }
      buffer += buffer.empty() ? *line : "\n" + *line;
      if (trim(buffer).empty()) {
        buffer.clear();
        continue;
      }
      if (!statements_finished(buffer)) {
        continue;
      }
      lines.remember(buffer);
      bool ok = run_script(buffer);
      buffer.clear();
      if (!ok && settings_.stop_on_error) {
        break;
      }
    }
    if (!trim(buffer).empty() && !(failed_ && settings_.stop_on_error)) {
      // Input ended inside a statement without its semicolon: run it anyway.
      run_script(buffer);
    }
    if (in_transaction()) {
      // Writes that were never committed are lost: a script that ends this way did not succeed.
      backend_.rollback();
      fail("the open transaction was rolled back at the end of input (:commit keeps writes)");
    }
    return failed_ ? kExitFailure : kExitOk;
  }

 private:
  // Runs every statement of SCRIPT; false when one failed.
  bool run_script(const std::string& script) {
    for (const ScriptStatement& statement : split_statements(script)) {
      if (!run_statement(statement.text)) {
        if (settings_.stop_on_error) {
          return false;
        }
      }
    }
    return true;
  }

  bool run_statement(const std::string& text) {
    auto start = std::chrono::steady_clock::now();
    bool was_in_transaction = in_transaction();
    try {
      running.store(true);
      Result result = backend_.run(text, params_);
      running.store(false);
      auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(
          std::chrono::steady_clock::now() - start);
      print(result, elapsed);
      return true;
    } catch (const Error& e) {
      running.store(false);
      err_ << e.what() << "\n";
      failed_ = true;
      if (was_in_transaction && !in_transaction()) {
        // A failed statement ends a write transaction: say so rather than fail later.
        err_ << "the transaction was rolled back\n";
      }
      return false;
    }
  }

  void print(const Result& result, std::chrono::microseconds elapsed) {
    if (settings_.format != OutputFormat::kTable) {
      write_result(result, settings_.format, elapsed, out_);
      return;
    }
    if (result.size() <= settings_.max_rows) {
      write_table(result, out_);
    } else {
      std::vector<Record> shown(result.rows().begin(),
                                result.rows().begin() + static_cast<long>(settings_.max_rows));
      write_table(Result(result.columns(), std::move(shown), result.summary()), out_);
      out_ << "... " << result.size() - settings_.max_rows << " more rows (':rows N' shows more)\n";
    }
    if (!result.summary().plan.empty()) {
      out_ << result.summary().plan;
    }
    if (settings_.timing) {
      out_ << summary_line(result, elapsed) << "\n";
    }
  }

  // Runs a colon command; false when it failed.
  bool command(const std::string& line) {
    std::istringstream words(line);
    std::string name;
    words >> name;
    std::string rest;
    std::getline(words, rest);
    rest = trim(rest);

    if (name == ":help" || name == ":h" || name == ":?") {
      out_ << kHelp;
    } else if (name == ":quit" || name == ":exit" || name == ":q") {
      quit_ = true;
    } else if (name == ":schema") {
      return schema();
    } else if (name == ":param") {
      return set_param(rest);
    } else if (name == ":params") {
      if (rest == "clear") {
        params_.clear();
      } else if (!rest.empty()) {
        return fail(":params takes no argument other than 'clear'");
      }
      for (const auto& [key, value] : params_) {
        out_ << "$" << key << " = " << value.to_string() << "\n";
      }
    } else if (name == ":format") {
      std::optional<OutputFormat> format = parse_output_format(rest);
      if (!format) {
        return fail(":format expects table, csv or json");
      }
      settings_.format = *format;
    } else if (name == ":timing") {
      if (rest != "on" && rest != "off") {
        return fail(":timing expects on or off");
      }
      settings_.timing = rest == "on";
    } else if (name == ":rows") {
      try {
        // stoul would wrap a negative number around to a huge one.
        long long n = std::stoll(rest);
        if (n <= 0 || rest.find_first_not_of("0123456789") != std::string::npos) {
          throw std::invalid_argument("not positive");
        }
        settings_.max_rows = static_cast<size_t>(n);
      } catch (const std::exception&) {
        return fail(":rows expects a positive number");
      }
    } else if (name == ":begin" || name == ":commit" || name == ":rollback") {
      return transaction_command(name, rest);
    } else if (name == ":source") {
      std::ifstream file(rest, std::ios::binary);
      if (rest.empty() || !file) {
        return fail(":source cannot read '" + rest + "'");
      }
      std::string script((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
      return run_script(script);
    } else {
      return fail("unknown command " + name + " (:help lists the commands)");
    }
    return true;
  }

  bool in_transaction() const { return backend_.in_transaction(); }

  // :begin [read], :commit and :rollback.
  bool transaction_command(const std::string& name, const std::string& rest) {
    try {
      if (name == ":begin") {
        if (in_transaction()) {
          return fail("a transaction is already open (:commit or :rollback ends it)");
        }
        if (!rest.empty() && rest != "read" && rest != "write") {
          return fail(":begin expects nothing, 'read' or 'write'");
        }
        backend_.begin(rest == "read");
        out_ << (rest == "read" ? "read" : "write") << " transaction open\n";
        return true;
      }
      if (!in_transaction()) {
        return fail(name + ": no transaction is open (:begin starts one)");
      }
      if (name == ":commit") {
        backend_.commit();
        out_ << "committed\n";
      } else {
        backend_.rollback();
        out_ << "rolled back\n";
      }
      return true;
    } catch (const Error& e) {
      return fail(e.what());
    }
  }

  bool fail(const std::string& message) {
    err_ << message << "\n";
    failed_ = true;
    return false;
  }

  // ":param name => value" (the arrow may be left out).
  bool set_param(const std::string& rest) {
    size_t arrow = rest.find("=>");
    std::string key =
        trim(arrow == std::string::npos ? rest.substr(0, rest.find(' ')) : rest.substr(0, arrow));
    std::string literal =
        trim(arrow == std::string::npos
                 ? (rest.find(' ') == std::string::npos ? "" : rest.substr(rest.find(' ')))
                 : rest.substr(arrow + 2));
    if (!key.empty() && key[0] == '$') {
      key.erase(0, 1);
    }
    if (key.empty() || literal.empty()) {
      return fail(":param expects NAME => VALUE");
    }
    try {
      params_[key] = backend_.evaluate(literal, params_);
    } catch (const Error& e) {
      return fail("the value of $" + key + " is not a Cypher literal: " + e.what());
    }
    out_ << "$" << key << " = " << params_[key].to_string() << "\n";
    return true;
  }

  bool schema() {
    try {
      Statistics stats = backend_.statistics();
      out_ << stats.nodes << " nodes, " << stats.relationships << " relationships\n";
      std::vector<Record> rows;
      auto columns = std::make_shared<const std::vector<std::string>>(
          std::vector<std::string>{"kind", "name", "count"});
      for (const auto& [label, count] : stats.nodes_per_label) {
        rows.emplace_back(columns, std::vector<Value>{"label", label, Value(int64_t(count))});
      }
      for (const auto& [type, count] : stats.relationships_per_type) {
        rows.emplace_back(columns, std::vector<Value>{"type", type, Value(int64_t(count))});
      }
      write_table(Result(*columns, std::move(rows), Summary{}), out_);
      for (const char* query : {"CALL db.propertyKeys()", "SHOW INDEXES", "SHOW CONSTRAINTS"}) {
        out_ << query << ":\n";
        write_table(backend_.run(query, {}), out_);
      }
      return true;
    } catch (const Error& e) {
      return fail(e.what());
    }
  }

  ShellBackend& backend_;
  ShellSettings settings_;
  std::ostream& out_;
  std::ostream& err_;
  Params params_;
  bool failed_ = false;
  bool quit_ = false;
};

}  // namespace

std::unique_ptr<LineSource> make_terminal_source(const std::string& history_file) {
  return std::make_unique<TerminalLineSource>(history_file);
}

int run_shell(ShellBackend& backend, LineSource& lines, const ShellSettings& settings,
              std::ostream& out, std::ostream& err) {
  Shell shell(backend, settings, out, err);
  return shell.run(lines);
}

int run_shell_on_stdin(ShellBackend& backend, ShellSettings settings, const std::string& banner,
                       std::ostream& out, std::ostream& err) {
  if (::isatty(STDIN_FILENO) == 0) {
    settings.stop_on_error = true;
    StreamLineSource lines(std::cin);
    return run_shell(backend, lines, settings, out, err);
  }
  const char* home = std::getenv("HOME");
  std::string history = home != nullptr ? std::string(home) + "/.quiver_history" : "";
  out << banner;
  struct sigaction action {};
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  ::sigaction(SIGINT, &action, nullptr);
  backend.set_cancel_flag(&interrupted);
  std::unique_ptr<LineSource> lines = make_terminal_source(history);
  int code = run_shell(backend, *lines, settings, out, err);
  backend.set_cancel_flag(nullptr);
  std::signal(SIGINT, SIG_DFL);
  return code;
}

int run_shell(Database& db, LineSource& lines, const ShellSettings& settings, std::ostream& out,
              std::ostream& err) {
  std::unique_ptr<ShellBackend> backend = make_embedded_backend(db);
  return run_shell(*backend, lines, settings, out, err);
}

}  // namespace quiver::shell
