#include "storage/catalog.h"

#include <gtest/gtest.h>

#include "test_env.h"

namespace quiver::storage {
namespace {

using testing::TempDir;

TEST(Catalog, InternsNamesToStableSmallIdsPerKind) {
  TempDir dir;
  auto env = testing::open_env(dir.path());
  QV_ASSERT_OK(env->write([](WriteTransaction& txn) -> Status {
    Catalog catalog(txn);
    EXPECT_EQ(*catalog.intern(NameKind::Label, "Person"), 1u);
    EXPECT_EQ(*catalog.intern(NameKind::Label, "Course"), 2u);
    EXPECT_EQ(*catalog.intern(NameKind::Label, "Person"), 1u);
    EXPECT_EQ(*catalog.intern(NameKind::RelType, "Person"), 1u);  // separate id space
    EXPECT_EQ(*catalog.intern(NameKind::PropertyKey, "name"), 1u);
    return {};
  }));
  QV_ASSERT_OK_AND_ASSIGN(auto txn, env->begin_read());
  Catalog catalog(txn);
  EXPECT_EQ(*catalog.lookup(NameKind::Label, "Course"), 2u);
  EXPECT_EQ(*catalog.name(NameKind::Label, 1), "Person");
  auto labels = catalog.list(NameKind::Label);
  ASSERT_TRUE(labels.ok());
  ASSERT_EQ(labels->size(), 2u);
  EXPECT_EQ((*labels)[1].second, "Course");
}

TEST(Catalog, NamesSurviveReopen) {
  TempDir dir;
  {
    auto env = testing::open_env(dir.path());
    QV_ASSERT_OK(env->write([](WriteTransaction& txn) -> Status {
      return Catalog(txn).intern(NameKind::PropertyKey, "\xc3\xa9tat").ok()
                 ? Status()
                 : make_error(StorageErrc::Io, "intern");
    }));
  }
  auto env = testing::open_env(dir.path());
  QV_ASSERT_OK_AND_ASSIGN(auto txn, env->begin_read());
  EXPECT_EQ(*Catalog(txn).lookup(NameKind::PropertyKey, "\xc3\xa9tat"), 1u);
}

TEST(Catalog, UnknownNamesAndBadNamesAreErrorsNotCrashes) {
  TempDir dir;
  auto env = testing::open_env(dir.path());
  QV_ASSERT_OK_AND_ASSIGN(auto read, env->begin_read());
  Catalog reader(read);
  EXPECT_EQ(reader.lookup(NameKind::Label, "Missing").error().code, StorageErrc::NotFound);
  EXPECT_EQ(reader.name(NameKind::Label, 99).error().code, StorageErrc::NotFound);
  EXPECT_EQ(reader.intern(NameKind::Label, "New").error().code, StorageErrc::ReadOnly);
  read.abort();
  QV_ASSERT_OK_AND_ASSIGN(auto write, env->begin_write());
  Catalog writer(write);
  EXPECT_EQ(writer.intern(NameKind::Label, "").error().code, StorageErrc::InvalidArgument);
  EXPECT_EQ(writer.intern(NameKind::Label, std::string(1000, 'x')).error().code,
            StorageErrc::InvalidArgument);
}

}  // namespace
}  // namespace quiver::storage
