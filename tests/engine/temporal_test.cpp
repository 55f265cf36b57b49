// Temporal values through the embedded API: results carry the temporal kinds, parameters accept
// them, properties keep them, and the transaction clock stands still within a transaction.
#include <gtest/gtest.h>

#include <limits>

#include "quiver/quiver.h"
#include "support/temp_dir.h"

namespace quiver {
namespace {

using test_support::TempDir;

class TemporalTest : public ::testing::Test {
 protected:
  TemporalTest() {
    Options options;
    options.durable = false;
    db_ = Database::open(dir_.path(), options);
  }

  Value single(std::string_view query, const Params& params = {}) {
    Result r = db_->session().run(query, params);
    return r[0][0];
  }

  TempDir dir_;
  std::unique_ptr<Database> db_;
};

TEST_F(TemporalTest, ResultsCarryEachTemporalKindWithItsFields) {
  Value date = single("RETURN date('1970-01-11')");
  ASSERT_EQ(date.kind(), ValueKind::kDate);
  EXPECT_EQ(date.as_date().epoch_day, 10);

  Value time = single("RETURN time('12:00:00.5+01:00')");
  ASSERT_EQ(time.kind(), ValueKind::kTime);
  EXPECT_EQ(time.as_time().nanos_of_day, 43200500000000);
  EXPECT_EQ(time.as_time().offset_seconds, 3600);

  Value instant = single("RETURN datetime('2015-07-21T21:40:32.142+02:00[Europe/Stockholm]')");
  ASSERT_EQ(instant.kind(), ValueKind::kDateTime);
  EXPECT_EQ(instant.as_date_time().epoch_second, 1437507632);
  EXPECT_EQ(instant.as_date_time().nanosecond, 142000000);
  EXPECT_EQ(instant.as_date_time().offset_seconds, 7200);
  EXPECT_EQ(instant.as_date_time().zone, "Europe/Stockholm");

  Value duration = single("RETURN duration('P1Y2M3DT4.5S')");
  ASSERT_EQ(duration.kind(), ValueKind::kDuration);
  EXPECT_EQ(duration.as_duration(), (Duration{14, 3, 4, 500000000}));
  EXPECT_TRUE(duration.is_temporal());
}

TEST_F(TemporalTest, ToStringPrintsTheCypherText) {
  EXPECT_EQ(single("RETURN localdatetime('2015-07-21T21:40')").to_string(), "2015-07-21T21:40");
  EXPECT_EQ(single("RETURN [localtime('10:15:30')]").to_string(), "[10:15:30]");
  EXPECT_EQ(Value(Duration{0, 0, -1, 1000000}).to_string(), "PT-0.999S");
  EXPECT_EQ(kind_name(ValueKind::kLocalDateTime), std::string("LOCAL DATETIME"));
}

TEST_F(TemporalTest, TemporalParametersArriveAsTemporalValues) {
  Params params{{"d", Value(Date{16637})},
                {"t", Value(DateTime{1437507632, 0, 0, "Europe/Stockholm"})}};
  Result r = db_->session().run("RETURN $d + duration('P1D') AS next, $t.offset AS offset", params);
  EXPECT_EQ(r[0][0], Value(Date{16638}));
  EXPECT_EQ(r[0][1], Value("+02:00"));
}

TEST_F(TemporalTest, OutOfRangeParameterIsAnArgumentError) {
  Outcome<Result> r = db_->session().try_run("RETURN $t", {{"t", Value(LocalTime{-1})}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().category(), "ArgumentError");
}

TEST(CheckTemporal, RefusesWhatAQueryRefusesAndPassesEverythingElse) {
  const Value refused[] = {
      Date{std::numeric_limits<int64_t>::max()},
      LocalTime{-1},
      Time{0, 18 * 3600 + 1},
      LocalDateTime{0, 86'400'000'000'000},
      DateTime{0, 1'000'000'000, 0, ""},
      DateTime{0, 0, 0, "Nowhere/Atlantis"},
  };
  for (const Value& value : refused) {
    try {
      check_temporal(value);
      ADD_FAILURE() << value.to_string() << " passed";
    } catch (const Error& e) {
      EXPECT_EQ(e.category(), "ArgumentError") << e.what();
      EXPECT_EQ(e.detail(), "InvalidArgumentValue") << e.what();
    }
  }
  EXPECT_NO_THROW(check_temporal(DateTime{1'437'507'632, 142'000'000, 7'200, "Europe/Stockholm"}));
  EXPECT_NO_THROW(check_temporal(Duration{-14, -3, -5, 500'000'000}));
  EXPECT_NO_THROW(check_temporal(Value("not temporal")));
}

TEST_F(TemporalTest, TemporalPropertiesReadBackUnchanged) {
  Session session = db_->session();
  session.run(
      "CREATE (:Event {day: date('2015-07-21'), took: duration('PT1H30M'), "
      "at: datetime('2015-07-21T21:40:32.142+02:00[Europe/Stockholm]')})");
  Result r = session.run("MATCH (e:Event) RETURN e");
  const Map& props = r[0][0].as_node().properties;
  EXPECT_EQ(props.at("day").to_string(), "2015-07-21");
  EXPECT_EQ(props.at("took").to_string(), "PT1H30M");
  EXPECT_EQ(props.at("at").to_string(), "2015-07-21T21:40:32.142+02:00[Europe/Stockholm]");
}

TEST_F(TemporalTest, TransactionClockIsTheSameForEveryStatementOfATransaction) {
  Session session = db_->session();
  Transaction txn = session.begin_read();
  Value first = txn.run("RETURN datetime.transaction() AS t")[0][0];
  Value second = txn.run("RETURN datetime.transaction() AS t, datetime.realtime() AS now")[0][0];
  EXPECT_EQ(first, second);
  Result later = txn.run("RETURN datetime.transaction() <= datetime.statement() AS ordered");
  EXPECT_EQ(later[0][0], Value(true));
}

}  // namespace
}  // namespace quiver
