// LOAD CSV through the embedded API: lists and header maps, quoting, terminators, URLs, loading
// into the graph, and the errors for files that are missing, malformed or not local.
#include <gtest/gtest.h>

#include "quiver/quiver.h"
#include "support/temp_dir.h"

namespace quiver {
namespace {

using test_support::TempDir;

class LoadCsvTest : public ::testing::Test {
 protected:
  LoadCsvTest() {
    Options options;
    options.durable = false;
    db_ = Database::open(dir_.path() / "db", options);
  }

  Result run(const std::string& query, const Params& params = {}) {
    return db_->session().run(query, params);
  }

  TempDir dir_;
  std::unique_ptr<Database> db_;
};

TEST_F(LoadCsvTest, RecordsWithoutHeadersAreListsOfStrings) {
  std::string file = dir_.write("plain.csv", "1,Ada\n2,\"Grace, Rear Admiral\"\n");
  Result r = run("LOAD CSV FROM $f AS row RETURN row", {{"f", file}});
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0][0], Value(List{"1", "Ada"}));
  EXPECT_EQ(r[1][0], Value(List{"2", "Grace, Rear Admiral"}));
}

TEST_F(LoadCsvTest, WithHeadersRecordsAreMapsAndMissingFieldsAreNull) {
  std::string file = dir_.write("people.csv", "id,name,city\n1,Ada,London\n2,Grace\n3,,\"\"\n");
  Result r =
      run("LOAD CSV WITH HEADERS FROM $f AS row RETURN row.id AS id, row.name AS name, "
          "row.city AS city",
          {{"f", file}});
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0][2], Value("London"));
  EXPECT_TRUE(r[1][2].is_null());
  EXPECT_TRUE(r[2][1].is_null());  // empty unquoted field
  EXPECT_EQ(r[2][2], Value(""));   // quoted empty field
}

TEST_F(LoadCsvTest, FieldTerminatorQuotedNewlinesAndFileUrls) {
  std::string file = dir_.write("tabs.tsv", "a\tb\n\"two\nlines\"\tx\n");
  Result r = run("LOAD CSV FROM $url AS row FIELDTERMINATOR '\\t' RETURN row[0] AS first",
                 {{"url", "file://" + file}});
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[1][0], Value("two\nlines"));
}

TEST_F(LoadCsvTest, FileUrlEscapesAreDecoded) {
  std::string file = dir_.write("with space.csv", "x\n");
  std::string url = "file://" + dir_.path().string() + "/with%20space.csv";
  Result r = run("LOAD CSV FROM $url AS row RETURN row[0] AS v", {{"url", url}});
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0][0], Value("x"));
}

TEST_F(LoadCsvTest, LoadsNodesAndRelationshipsInOneStatement) {
  std::string file = dir_.write("bought.csv", "user,item\nu1,i1\nu1,i2\nu2,i1\n");
  Result created =
      run("LOAD CSV WITH HEADERS FROM $f AS row "
          "MERGE (u:User {id: row.user}) MERGE (i:Item {id: row.item}) "
          "CREATE (u)-[:BOUGHT]->(i)",
          {{"f", file}});
  EXPECT_EQ(created.summary().counters.nodes_created, 4);
  EXPECT_EQ(created.summary().counters.relationships_created, 3);
  Result r =
      run("MATCH (:User)-[:BOUGHT]->(i:Item) RETURN i.id AS item, count(*) AS n "
          "ORDER BY item");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0][1], Value(int64_t{2}));
}

TEST_F(LoadCsvTest, SourceMayDifferPerRowAndNullLoadsNothing) {
  std::string a = dir_.write("a.csv", "1\n2\n");
  std::string b = dir_.write("b.csv", "3\n");
  Result r = run("UNWIND [$a, null, $b] AS f LOAD CSV FROM f AS row RETURN f, row[0] AS v",
                 {{"a", a}, {"b", b}});
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[2][1], Value("3"));
}

TEST_F(LoadCsvTest, MissingFileIsAnErrorNamingIt) {
  Outcome<Result> r = db_->session().try_run("LOAD CSV FROM '/no/such/file.csv' AS row RETURN row");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().detail(), "ExternalResourceFailed");
  EXPECT_NE(std::string(r.error().what()).find("/no/such/file.csv"), std::string::npos);
}

TEST_F(LoadCsvTest, MalformedFileIsAnErrorWithItsLineAndWritesNothing) {
  std::string file = dir_.write("bad.csv", "id\n1\n2\n\"unterminated\n");
  Outcome<Result> r = db_->session().try_run(
      "LOAD CSV WITH HEADERS FROM $f AS row CREATE (:Row {id: row.id})", {{"f", file}});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(std::string(r.error().what()).find("bad.csv:4"), std::string::npos) << r.error().what();
  EXPECT_EQ(run("MATCH (n:Row) RETURN count(n)")[0][0], Value(int64_t{0}));
}

TEST_F(LoadCsvTest, AFieldThatIsNotUtf8IsAnErrorWithItsLineAndWritesNothing) {
  std::string file = dir_.write("latin1.csv", "name\nok\n\xE9t\xE9\n");
  Outcome<Result> r = db_->session().try_run(
      "LOAD CSV WITH HEADERS FROM $f AS row CREATE (:Row {name: row.name})", {{"f", file}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().detail(), "InvalidUnicode");
  EXPECT_NE(std::string(r.error().what()).find("latin1.csv:3: field 1 is not valid UTF-8"),
            std::string::npos)
      << r.error().what();
  EXPECT_EQ(run("MATCH (n:Row) RETURN count(n)")[0][0], Value(int64_t{0}));

  std::string header = dir_.write("header.csv", "n\xFFme\nok\n");
  EXPECT_FALSE(db_->session()
                   .try_run("LOAD CSV WITH HEADERS FROM $f AS row RETURN row", {{"f", header}})
                   .ok());
}

TEST_F(LoadCsvTest, RemoteUrlsAndNonStringSourcesAreRefused) {
  Outcome<Result> remote =
      db_->session().try_run("LOAD CSV FROM 'https://example.org/x.csv' AS row RETURN row");
  ASSERT_FALSE(remote.ok());
  EXPECT_NE(std::string(remote.error().what()).find("local files only"), std::string::npos);
  Outcome<Result> number = db_->session().try_run("LOAD CSV FROM 42 AS row RETURN row");
  ASSERT_FALSE(number.ok());
  EXPECT_EQ(number.error().category(), "TypeError");
}

TEST_F(LoadCsvTest, CompileTimeChecks) {
  Outcome<Result> bound = db_->session().try_run("WITH 1 AS row LOAD CSV FROM 'x' AS row RETURN 1");
  ASSERT_FALSE(bound.ok());
  EXPECT_EQ(bound.error().detail(), "VariableAlreadyBound");
  Outcome<Result> terminator =
      db_->session().try_run("LOAD CSV FROM 'x' AS row FIELDTERMINATOR ';;' RETURN row");
  ASSERT_FALSE(terminator.ok());
  EXPECT_NE(std::string(terminator.error().what()).find("single character"), std::string::npos);
}

// A database whose LOAD CSV reads only inside DIR/import, beside files outside it.
class LoadCsvRootTest : public ::testing::Test {
 protected:
  LoadCsvRootTest() {
    std::filesystem::create_directories(dir_.path() / "import" / "sub");
    inside_ = dir_.write("import/sub/in.csv", "x\n");
    outside_ = dir_.write("secret.csv", "s\n");
    Options options;
    options.durable = false;
    options.load_csv_root = dir_.path() / "import";
    options.load_csv_how_to_allow = "ask the operator";
    db_ = Database::open(dir_.path() / "db", options);
  }

  Outcome<Result> load(const std::string& source) {
    return db_->session().try_run("LOAD CSV FROM $f AS row RETURN row[0] AS v", {{"f", source}});
  }

  TempDir dir_;
  std::string inside_;
  std::string outside_;
  std::unique_ptr<Database> db_;
};

TEST_F(LoadCsvRootTest, RelativePathsAndUrlsAreTakenInsideTheRoot) {
  for (const std::string& source :
       {std::string("sub/in.csv"), std::string("file:sub/in.csv"), "file://" + inside_, inside_}) {
    Outcome<Result> r = load(source);
    ASSERT_TRUE(r.ok()) << source << ": " << r.error().what();
    EXPECT_EQ(r->rows().at(0)[0], Value("x")) << source;
  }
}

TEST_F(LoadCsvRootTest, PathsOutsideTheRootAreRefusedNamingTheRule) {
  std::string root = (dir_.path() / "import").string();
  for (const std::string& source :
       {outside_, "file://" + outside_, std::string("../secret.csv"),
        std::string("sub/../../secret.csv"), root + "/../secret.csv", std::string("/etc/passwd")}) {
    Outcome<Result> r = load(source);
    ASSERT_FALSE(r.ok()) << source;
    EXPECT_EQ(r.error().category(), "ArgumentError") << source;
    EXPECT_EQ(r.error().detail(), "FileAccessDenied") << source;
    std::string what = r.error().what();
    EXPECT_NE(what.find("only files inside"), std::string::npos) << what;
    EXPECT_NE(what.find("ask the operator"), std::string::npos) << what;
  }
}

TEST_F(LoadCsvRootTest, SymbolicLinkInsideTheRootToAFileOutsideIsRefused) {
  std::filesystem::create_symlink(outside_, dir_.path() / "import" / "link.csv");
  std::filesystem::create_directory_symlink(dir_.path(), dir_.path() / "import" / "up");
  for (const char* source : {"link.csv", "up/secret.csv"}) {
    Outcome<Result> r = load(source);
    ASSERT_FALSE(r.ok()) << source;
    EXPECT_EQ(r.error().detail(), "FileAccessDenied") << source;
  }
}

TEST_F(LoadCsvRootTest, ASiblingDirectorySharingTheRootsPrefixIsOutside) {
  std::filesystem::create_directories(dir_.path() / "import-other");
  std::string sibling = dir_.write("import-other/x.csv", "x\n");
  Outcome<Result> r = load(sibling);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().detail(), "FileAccessDenied");
}

TEST(LoadCsvFileAccess, DisabledFileAccessRefusesEveryFileAndTheDefaultAllowsAny) {
  TempDir dir;
  std::string file = dir.write("any.csv", "x\n");
  Options options;
  options.durable = false;
  options.load_csv_files = false;
  options.load_csv_how_to_allow = "start with --import-dir DIR";
  {
    auto db = Database::open(dir.path() / "closed", options);
    Outcome<Result> r = db->session().try_run("LOAD CSV FROM $f AS row RETURN row", {{"f", file}});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().detail(), "FileAccessDenied");
    EXPECT_NE(std::string(r.error().what()).find("disabled"), std::string::npos);
    EXPECT_NE(std::string(r.error().what()).find("--import-dir DIR"), std::string::npos);
    // A source that is null reads no file, so it is not refused.
    EXPECT_TRUE(db->session().try_run("LOAD CSV FROM null AS row RETURN row").ok());
  }
  auto open_db = Database::open(dir.path() / "open", Options{});
  EXPECT_EQ(open_db->session().run("LOAD CSV FROM $f AS row RETURN row", {{"f", file}}).size(), 1u);
}

}  // namespace
}  // namespace quiver
