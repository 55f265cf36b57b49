#include "shell/commands.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace quiver::shell {
namespace {

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "quiver-sh-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string str(const char* sub) const { return (path_ / sub).string(); }

 private:
  std::filesystem::path path_;
};

TEST(ShellCommands, DemoThenCheckPassesWithTheSameCountsEveryTime) {
  TempDir dir;
  std::ostringstream out1, out2, err;
  ASSERT_EQ(run_demo({dir.str("a")}, out1, err), kExitOk) << err.str();
  ASSERT_EQ(run_demo({dir.str("b")}, out2, err), kExitOk) << err.str();
  EXPECT_EQ(out1.str().substr(0, out1.str().find(" in ")),
            out2.str().substr(0, out2.str().find(" in ")));
  std::ostringstream check;
  EXPECT_EQ(run_check({dir.str("a")}, check, err), kExitOk) << err.str();
  EXPECT_NE(check.str().find("integrity: ok"), std::string::npos);
  EXPECT_NE(check.str().find("[:BOUGHT]"), std::string::npos);
}

TEST(ShellCommands, DemoRefusesANonEmptyDirectoryUnlessForced) {
  TempDir dir;
  std::ostringstream out, err;
  ASSERT_EQ(run_demo({dir.str("db")}, out, err), kExitOk);
  EXPECT_EQ(run_demo({dir.str("db")}, out, err), kExitFailure);
  EXPECT_NE(err.str().find("not empty"), std::string::npos);
  EXPECT_EQ(run_demo({dir.str("db"), "--force"}, out, err), kExitOk);

  std::filesystem::create_directory(dir.str("other"));
  std::ofstream(dir.str("other/notes.txt")) << "keep me";
  EXPECT_EQ(run_demo({dir.str("other"), "--force"}, out, err), kExitFailure);
  EXPECT_TRUE(std::filesystem::exists(dir.str("other/notes.txt")));
}

TEST(ShellCommands, CheckOfMissingDirectoryFailsWithMessage) {
  TempDir dir;
  std::ostringstream out, err;
  EXPECT_EQ(run_check({dir.str("absent")}, out, err), kExitFailure);
  EXPECT_NE(err.str().find("not_found"), std::string::npos);
  EXPECT_EQ(run_check({}, out, err), kExitUsage);
  EXPECT_EQ(run_demo({}, out, err), kExitUsage);
}

}  // namespace
}  // namespace quiver::shell
