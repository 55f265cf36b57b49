#pragma once

// A scratch directory for one test: unique per process and per instance, so that tests run in
// parallel by ctest never share one, and removed with everything in it on destruction.

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <system_error>

namespace quiver::test_support {

class TempDir {
 public:
  // Creates a fresh directory under the system temporary directory whose name starts with
  // PREFIX. Throws std::runtime_error when it cannot be made.
  explicit TempDir(const std::string& prefix = "quiver-test") {
    std::string pattern = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
    char* made = ::mkdtemp(pattern.data());
    if (made == nullptr) {
      throw std::runtime_error("cannot create a temporary directory from " + pattern);
    }
    path_ = made;
  }

  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }

  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  // The directory; it exists until this object is destroyed.
  const std::filesystem::path& path() const { return path_; }

  // The path of NAME inside the directory, as a string; nothing is created.
  std::string str(const std::string& name) const { return (path_ / name).string(); }

  // Writes TEXT to the file NAME inside the directory and returns its path.
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name) << text;
    return str(name);
  }

 private:
  std::filesystem::path path_;
};

}  // namespace quiver::test_support
