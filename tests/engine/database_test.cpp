#include "quiver/database.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>

#include "quiver/bulk_writer.h"
#include "support/temp_dir.h"

namespace quiver {
namespace {

using test_support::TempDir;

Options fast() {
  Options options;
  options.durable = false;
  return options;
}

TEST(Database, BulkWriterCommitsNodesAndRelationshipsAtOnce) {
  TempDir dir;
  auto db = Database::open(dir.path(), fast());
  BulkWriter writer(*db);
  PendingNode ada = writer.add_node({"User"}, {{"name", "Ada"}, {"skip", nullptr}});
  PendingNode course = writer.add_node(
      {"Product", "Course"},
      {{"price", 19.5}, {"tags", List{"graph", 1}}, {"embedding", FloatVector{0.5f, -0.5f}}});
  writer.add_relationship(ada, course, "BOUGHT", {{"at", std::int64_t{1700000000}}});
  writer.add_relationship(ada, course, "VIEWED");
  EXPECT_EQ(writer.pending_nodes(), 2u);
  BulkResult result = writer.commit();
  EXPECT_EQ(result.node_ids.size(), 2u);
  EXPECT_EQ(result.relationships, 2u);
  EXPECT_EQ(writer.pending_nodes(), 0u);

  Statistics stats = db->statistics();
  EXPECT_EQ(stats.nodes, 2u);
  EXPECT_EQ(stats.relationships, 2u);
  EXPECT_EQ(stats.nodes_per_label["Course"], 1u);
  EXPECT_EQ(stats.relationships_per_type["BOUGHT"], 1u);
  IntegrityReport report = db->check_integrity();
  EXPECT_TRUE(report.ok());
  EXPECT_EQ(report.adjacency_entries, 4u);
}

TEST(Database, BadInputThrowsTypedErrors) {
  TempDir dir;
  auto db = Database::open(dir.path(), fast());
  BulkWriter writer(*db);
  try {
    writer.add_node({""});
    FAIL() << "an empty label was accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.category(), "ArgumentError");
  }
  EXPECT_THROW(writer.add_relationship(PendingNode{5}, PendingNode{6}, "R"), Error);
}

TEST(Database, ReadOnlyDatabaseRefusesBulkWrites) {
  TempDir dir;
  { Database::open(dir.path(), fast()); }
  Options options = fast();
  options.read_only = true;
  auto db = Database::open(dir.path(), options);
  BulkWriter writer(*db);
  writer.add_node({"X"});
  try {
    writer.commit();
    FAIL() << "a read-only database accepted a write";
  } catch (const Error& e) {
    EXPECT_EQ(e.category(), "DatabaseError");
    EXPECT_EQ(e.detail(), "read_only");
  }
  EXPECT_EQ(writer.pending_nodes(), 1u);  // the queue survives a failed commit
}

TEST(Database, TryOpenReportsInsteadOfThrowing) {
  TempDir dir;
  Options options = fast();
  options.create_if_missing = false;
  auto db = Database::try_open(dir.path() / "missing", options);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().category(), "DatabaseError");
  EXPECT_EQ(db.error().detail(), "not_found");
}

}  // namespace
}  // namespace quiver
