#pragma once

// The engine's log: lifecycle events and the progress of large writes (see STYLE.md, "Errors and
// logs"), written through the spdlog logger named quiver::kLoggerName.
//
// A program decides where the lines go by registering its own spdlog logger under that name
// before it opens a database (quiverd registers one that shares its own sinks and level); without
// one, the engine creates a logger that writes to standard error at level info, so that a
// command's standard output carries only its results.

namespace quiver {

// The name of the spdlog logger the engine writes to.
inline constexpr const char* kLoggerName = "quiver";

}  // namespace quiver
