// quiver::Error and the mapping of storage and query errors onto it.
#include "database_impl.h"

namespace quiver {

namespace {

std::string compose_what(const std::string& category, const std::string& detail,
                         const std::string& message, uint32_t line, uint32_t column) {
  std::string what = category;
  if (!detail.empty()) {
    what += " (" + detail + ")";
  }
  what += ": " + message;
  if (line != 0) {
    what += " at line " + std::to_string(line) + ", column " + std::to_string(column);
  }
  return what;
}

}  // namespace

Error::Error(std::string category, std::string detail, std::string phase, std::string message,
             uint32_t line, uint32_t column, const std::string& what)
    : std::runtime_error(what.empty() ? compose_what(category, detail, message, line, column)
                                      : what),
      category_(std::move(category)),
      detail_(std::move(detail)),
      phase_(std::move(phase)),
      message_(std::move(message)),
      line_(line),
      column_(column) {}

Error make_error(std::string category, std::string detail, std::string phase, std::string message) {
  return Error(std::move(category), std::move(detail), std::move(phase), std::move(message));
}

Error invalid_argument(std::string message) {
  return make_error("ArgumentError", "InvalidArgument", "runtime", std::move(message));
}

Error to_error(const storage::StorageError& error) {
  if (error.code == storage::StorageErrc::ConstraintViolation) {
    return make_error("ConstraintValidationFailed", "ConstraintViolation", "runtime",
                      error.message);
  }
  return make_error("DatabaseError", storage::to_string(error.code), "runtime", error.message);
}

Error to_error(const query::QueryError& error) {
  return Error(std::string(query::category_name(error.category())), error.detail(),
               std::string(query::phase_name(error.phase())), error.message(), error.line(),
               error.column(), error.what());
}

}  // namespace quiver
