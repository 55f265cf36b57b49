// The interactive shell of `quiver DIR` and `quiver --connect HOST:PORT`: statements ended by
// semicolons (over several lines), colon commands, parameters, output formats and timing; line
// editing and history through libedit on a terminal, plain line reading otherwise (scripts piped
// on standard input, tests). Where the statements run is a ShellBackend (shell_backend.h).
#pragma once

#include <istream>
#include <memory>
#include <optional>
#include <ostream>
#include <string>

#include "quiver/database.h"
#include "shell/result_format.h"
#include "shell/shell_backend.h"

namespace quiver::shell {

// Where the shell's lines come from.
class LineSource {
 public:
  virtual ~LineSource() = default;

  // The next line without its line break, or nullopt at the end of input. PROMPT is shown when
  // the source is interactive.
  virtual std::optional<std::string> read_line(const std::string& prompt) = 0;

  // Records a complete statement or command for recall (no-op for non-interactive sources).
  virtual void remember(const std::string& entry) { (void)entry; }
};

// Lines from a stream, without prompts (piped scripts and tests).
class StreamLineSource : public LineSource {
 public:
  explicit StreamLineSource(std::istream& in) : in_(in) {}
  std::optional<std::string> read_line(const std::string& prompt) override;

 private:
  std::istream& in_;
};

// Lines from the terminal through libedit, with history kept in HISTORY_FILE (read at start,
// written as entries are added; empty: no file).
std::unique_ptr<LineSource> make_terminal_source(const std::string& history_file);

// Settings a session of the shell may change with colon commands.
struct ShellSettings {
  OutputFormat format = OutputFormat::kTable;
  bool timing = true;          // table format: summary line with the time
  size_t max_rows = 1000;      // table format: rows shown before "... N more rows"
  bool stop_on_error = false;  // end at the first failed statement (piped scripts)
  Params params;               // parameters set before the first line (--param)
};

// Runs the shell over BACKEND until the input ends or :quit. Results go to OUT, errors to ERR.
// A transaction still open at the end is rolled back. Returns kExitOk when every statement and
// command succeeded, kExitFailure otherwise.
int run_shell(ShellBackend& backend, LineSource& lines, const ShellSettings& settings,
              std::ostream& out, std::ostream& err);

// The shell on this process's standard input: on a terminal, writes BANNER to OUT and reads
// through libedit with history in ~/.quiver_history; otherwise reads the piped lines as a script
// that stops at its first failure. Returns as run_shell does.
int run_shell_on_stdin(ShellBackend& backend, ShellSettings settings, const std::string& banner,
                       std::ostream& out, std::ostream& err);

// run_shell over the embedded database DB.
int run_shell(Database& db, LineSource& lines, const ShellSettings& settings, std::ostream& out,
              std::ostream& err);

}  // namespace quiver::shell
