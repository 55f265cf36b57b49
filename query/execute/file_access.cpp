#include "query/execute/file_access.h"

#include <algorithm>
#include <system_error>

#include "query/errors.h"

namespace quiver::query {

namespace {

[[noreturn]] void denied(const FileAccessPolicy& policy, const std::string& message) {
  std::string text = message;
  if (!policy.how_to_allow.empty()) {
    text += "; " + policy.how_to_allow;
  }
  throw QueryError(ErrorCategory::kArgumentError, ErrorPhase::kRuntime, "FileAccessDenied", text);
}

std::filesystem::path resolved(const std::filesystem::path& path) {
  std::error_code ec;
  std::filesystem::path out = std::filesystem::weakly_canonical(path, ec);
  return ec ? path.lexically_normal() : out;
}

// True when every component of ROOT begins PATH.
bool lies_inside(const std::filesystem::path& path, const std::filesystem::path& root) {
  auto root_end = root.end();
  if (!root.empty() && root.filename().empty()) {
    --root_end;  // a trailing separator adds an empty last component
  }
  return std::mismatch(root.begin(), root_end, path.begin(), path.end()).first == root_end;
}

}  // namespace

std::filesystem::path permitted_file(const FileAccessPolicy& policy, const std::string& path) {
  if (!policy.allowed) {
    denied(policy, "access to files is disabled on this database ('" + path + "')");
  }
  if (policy.root.empty()) {
    return path;
  }
  std::error_code ec;
  std::filesystem::path root = resolved(std::filesystem::absolute(policy.root, ec));
  std::filesystem::path candidate = std::filesystem::path(path);
  if (candidate.is_relative()) {
    candidate = root / candidate;
  }
  candidate = resolved(candidate);
  if (!lies_inside(candidate, root)) {
    denied(policy, "only files inside " + root.string() + " may be read or written, and '" + path +
                       "' leads outside it");
  }
  return candidate;
}

}  // namespace quiver::query
