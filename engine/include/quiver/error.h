// quiver::Error: the one exception type of the embedded API.
#pragma once

#include <stdexcept>
#include <string>

namespace quiver {

// What kind of failure an Error reports. Stable: programs may branch on it.
enum class ErrorCategory {
  NotFound,             // a database, node, relationship or name does not exist
  InvalidArgument,      // the caller passed something the operation does not accept
  ConstraintViolation,  // a uniqueness constraint or a relationship rule would break
  ReadOnly,             // a write on a database opened read-only
  Permission,           // the operating system refused access to the directory or files
  Locked,               // the database is locked or out of reader slots
  VersionMismatch,      // the database was written by another storage format version
  Corrupt,              // the files are damaged or are not a Quiver database
  Full,                 // the disk or the configured maximum map size is full
  Io,                   // any other failure of the operating system or storage engine
};

// Stable lower-case name of CATEGORY ("not_found", ...).
const char* to_string(ErrorCategory category) noexcept;

// Thrown by the embedded API; what() is a message for people that names what failed.
class Error : public std::runtime_error {
 public:
  Error(ErrorCategory category, const std::string& message)
      : std::runtime_error(message), category_(category) {}

  ErrorCategory category() const noexcept { return category_; }

 private:
  ErrorCategory category_;
};

}  // namespace quiver
