#pragma once

// Which local files a statement may read (LOAD CSV) or write (rec.exportSplit): all of them,
// none, or those inside one directory.

#include <filesystem>
#include <string>

namespace quiver::query {

struct FileAccessPolicy {
  bool allowed = true;         // false: no file may be read
  std::filesystem::path root;  // not empty: only files inside this directory may be read
  std::string how_to_allow;    // a sentence added to refusals, saying how access is granted
};

// The file PATH names under POLICY: PATH itself without a root; with one, a relative PATH taken
// inside the root, and the result resolved (std::filesystem::weakly_canonical: '.', '..' and
// the symbolic links of its existing part) and required to lie inside the resolved root, so
// neither '..' nor a link leads out. Throws QueryError (ArgumentError/FileAccessDenied, naming
// the rule) when the policy refuses it.
std::filesystem::path permitted_file(const FileAccessPolicy& policy, const std::string& path);

}  // namespace quiver::query
