// SPDX-License-Identifier: MIT
// modsdk/log.hpp against the fake core: the arguments dprint receives produce the core's exact LM_* line,
// each level has its text, and a line below the process's level is never formatted.
#include <catch2/catch.hpp>
#include <regex>
#include <stdexcept>
#include <string>

#include <modsdk/abi/common.hpp>
#include <modsdk/log.hpp>
#include <modsdk/testing.hpp>

namespace mlog = modsdk::log;
using modsdk::testing::core;

namespace {
/// A value whose format_as counts how often it runs (and can be told to throw).
struct counted {
  bool fail = false;
};
int formats = 0;
std::string_view format_as(const counted& c) {
  ++formats;
  if (c.fail) throw std::runtime_error("formatter failed");
  return "counted";
}
}  // namespace

namespace {
// Helpers with plain names: the line names the function that logged.
void emit_hello() { mlog::info("hello {}", 42); }
void emit_counted() { mlog::info("value {}", counted{}); }
void emit_debug_counted() { mlog::debug("value {}", counted{}); }
void emit_each_level() {
  mlog::alert("a");
  mlog::crit("c");
  mlog::error("e");
  mlog::warn("w");
  mlog::notice("n");
  mlog::info("i");
  mlog::debug("d");
}

struct fresh {
  fresh() {
    core().reset();
    core().set_log_level(modsdk::abi::l_dbg);
    formats = 0;
  }
};

const modsdk::testing::log_entry& last() {
  REQUIRE_FALSE(core().logs().empty());
  return core().logs().back();
}
}  // namespace

TEST_CASE_METHOD(fresh, "a line has the core's LM_* layout: time [pid] LEVEL:module:function: text") {
  emit_hello();
  const auto& e = last();
  CHECK(e.level == modsdk::abi::l_info);
  CHECK(e.module == "test_log");
  CHECK(e.function == "emit_hello");
  CHECK(e.text == "hello 42");
  // stderr_fmt "%s [%d] %sINFO:<mod>:%s: %s" with time (ctime without weekday and year), pid, log_prefix.
  static const std::regex layout(
      R"(^[A-Z][a-z]{2} [ 0-9][0-9] [0-9]{2}:[0-9]{2}:[0-9]{2} \[-?[0-9]+\] INFO:test_log:emit_hello: hello 42\n$)");
  INFO(e.line);
  CHECK(std::regex_match(e.line, layout));
}

TEST_CASE_METHOD(fresh, "each level carries the core's level text") {
  emit_each_level();
  const auto& logs = core().logs();
  REQUIRE(logs.size() == 7);
  const std::pair<int, const char*> expected[] = {{-3, "ALERT:"}, {-2, "CRITICAL:"}, {-1, "ERROR:"}, {1, "WARNING:"},
                                                  {2, "NOTICE:"}, {3, "INFO:"},      {4, "DBG:"}};
  for (std::size_t i = 0; i < 7; ++i) {
    INFO(logs[i].line);
    CHECK(logs[i].level == expected[i].first);
    CHECK(logs[i].line.find(std::string("] ") + expected[i].second + "test_log:emit_each_level: ") !=
          std::string::npos);
  }
}

TEST_CASE_METHOD(fresh, "a line below the process's level is not formatted at all") {
  core().set_log_level(modsdk::abi::l_err);
  emit_counted();
  emit_debug_counted();
  CHECK(formats == 0);
  CHECK(core().logs().empty());
  CHECK_FALSE(mlog::enabled(mlog::level::info));
  CHECK(mlog::enabled(mlog::level::error));

  core().set_log_level(modsdk::abi::l_info);  // the level is read on every call
  emit_counted();
  emit_debug_counted();
  CHECK(formats == 1);
  REQUIRE(core().logs().size() == 1);
  CHECK(last().text == "value counted");
}

TEST_CASE_METHOD(fresh, "user text is never used as a printf format") {
  mlog::info("100% {}", "%s%n%d");
  CHECK(last().text == "100% %s%n%d");
  CHECK(last().line.ends_with("100% %s%n%d\n"));
}

TEST_CASE_METHOD(fresh, "one newline per line, whether or not the text ends with one") {
  mlog::info("first\n");
  mlog::info("second");
  const auto& logs = core().logs();
  REQUIRE(logs.size() == 2);
  CHECK(logs[0].line.ends_with(": first\n"));
  CHECK_FALSE(logs[0].line.ends_with("\n\n"));
  CHECK(logs[1].line.ends_with(": second\n"));
}

TEST_CASE_METHOD(fresh, "a line longer than MODSDK_LOG_LINE_MAX is cut and marked") {
  const std::string big(MODSDK_LOG_LINE_MAX + 500, 'x');
  mlog::info("{}", big);
  const auto& t = last().text;
  CHECK(t.size() == MODSDK_LOG_LINE_MAX);
  CHECK(t.ends_with("xxx..."));
}

TEST_CASE_METHOD(fresh, "the limit is on the text: the core's prefix and the newline are not counted") {
  const std::string fits(MODSDK_LOG_LINE_MAX, 'y');
  mlog::info("{}", fits);
  CHECK(last().text == fits);  // exactly MODSDK_LOG_LINE_MAX bytes of text: not cut
  CHECK(last().line.size() > MODSDK_LOG_LINE_MAX + 1);
  CHECK(last().line.ends_with(fits + "\n"));
}

TEST_CASE_METHOD(fresh, "a cut line never splits a UTF-8 sequence") {
  constexpr std::size_t keep = MODSDK_LOG_LINE_MAX - 3;  // the bytes before "..." when no sequence straddles
  // a sequence of 2, 3 or 4 bytes placed so that the cut falls at each of its bytes
  for (const std::string cp : {"\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80"}) {
    for (std::size_t start = keep - cp.size() + 1; start <= keep; ++start) {
      CAPTURE(cp.size(), start);
      const std::string text = std::string(start, 'a') + cp + std::string(600, 'b');
      mlog::info("{}", text);
      const auto& t = last().text;
      const std::size_t expect_kept = start == keep ? keep : start;  // at `keep` the sequence starts after the cut
      REQUIRE(t.size() == expect_kept + 3);
      CHECK(t.ends_with("a..."));
      CHECK(t.compare(0, expect_kept, text, 0, expect_kept) == 0);
    }
  }
  // a sequence ending right at the cut is kept whole
  const std::string whole = std::string(keep - 3, 'a') + "\xe2\x82\xac" + std::string(600, 'b');
  mlog::info("{}", whole);
  CHECK(last().text == std::string(keep - 3, 'a') + "\xe2\x82\xac...");
  // text that is not UTF-8: the cut moves back over at most 3 continuation bytes
  const std::string junk = std::string(keep - 10, 'a') + std::string(700, '\x80');
  mlog::info("{}", junk);
  CHECK(last().text.size() == keep - 3 + 3);
}

TEST_CASE_METHOD(fresh, "a formatter that throws gives a marker line, not an exception") {
  mlog::info("value {}", counted{true});
  CHECK(formats == 1);
  CHECK(last().text == "<modsdk: log formatting failed>");
}

TEST_CASE_METHOD(fresh, "write and write_for") {
  mlog::write(mlog::level::warn, "via write {}", 1);
  CHECK(last().level == modsdk::abi::l_warn);
  CHECK(last().text == "via write 1");

  mlog::write_for(mlog::level::error, "my_fixup", "parameter {} is bad", 2);
  CHECK(last().level == modsdk::abi::l_err);
  CHECK(last().function == "my_fixup");
  CHECK(last().line.find("ERROR:test_log:my_fixup: parameter 2 is bad\n") != std::string::npos);

  core().set_log_level(modsdk::abi::l_crit);
  core().clear_logs();
  mlog::write_for(mlog::level::error, "my_fixup", "hidden {}", counted{});
  CHECK(formats == 0);
  CHECK(core().logs().empty());
}

TEST_CASE_METHOD(fresh, "levels outside the core's range print as the core does") {
  mlog::write(static_cast<mlog::level>(9), "very verbose");  // LM_GEN: above DBG prints as DBG
  CHECK(last().level == modsdk::abi::l_dbg);
  CHECK(last().line.find("DBG:test_log:") != std::string::npos);
  core().clear_logs();
  mlog::write(static_cast<mlog::level>(0), "not a level");  // LM_GEN prints nothing for 0
  CHECK(core().logs().empty());
}

TEST_CASE("function_name reduces a source_location to the bare name") {
  struct probe {
    static modsdk::detail::source_location here(
        modsdk::detail::source_location l = modsdk::detail::source_location::current()) {
      return l;
    }
  };
  auto loc = probe::here();
  CHECK_FALSE(modsdk::detail::function_name(loc).empty());
  CHECK(modsdk::detail::function_name(loc).find('(') == std::string_view::npos);
  CHECK(modsdk::detail::function_name(loc).find(':') == std::string_view::npos);
  // the location is the caller's, as for LM_* (__FUNCTION__ at the call site)
  struct caller {
    static modsdk::detail::source_location where_am_i() { return modsdk::detail::source_location::current(); }
  };
  CHECK(modsdk::detail::function_name(caller::where_am_i()) == "where_am_i");
}
