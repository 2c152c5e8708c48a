// SPDX-License-Identifier: MIT
// modsdk/message.hpp's edits and message state in the fake core: headers added / removed / replaced and
// the body replaced through the core's lumps, checked byte for byte on the text the core would send
// (sip_message::rendered()); reply headers and body through add_lump_rpl; script flags; the destination URI.
#include <catch2/catch.hpp>
#include <string>
#include <string_view>

#include <modsdk/message.hpp>
#include <modsdk/testing.hpp>

using modsdk::header_type;
using modsdk::testing::core;
using modsdk::testing::sip_message;

namespace {
const char* const options_text =
    "OPTIONS sip:bob@example.com SIP/2.0\r\n"
    "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1\r\n"
    "Max-Forwards: 70\r\n"
    "From: <sip:alice@example.com>;tag=a1\r\n"
    "To: <sip:bob@example.com>\r\n"
    "Call-ID: edit-1@10.0.0.1\r\n"
    "CSeq: 7 OPTIONS\r\n"
    "X-Remove: gone\r\n"
    "X-Keep: kept\r\n"
    "x-remove: gone too\r\n"
    "Content-Type: text/plain\r\n"
    "Content-Length: 5\r\n"
    "\r\n"
    "hello";

struct fresh {
  fresh() { core().reset(); }
};

// the text with `from` replaced by `to` (once)
std::string with(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}
}  // namespace

TEST_CASE_METHOD(fresh, "edits: nothing changed renders the received text") {
  auto raw = sip_message::parse(options_text);
  CHECK(raw.rendered() == options_text);
}

TEST_CASE_METHOD(fresh, "edits: add_header appends after the last header, before the empty line") {
  auto raw = sip_message::parse(options_text);
  modsdk::message msg{raw.raw()};
  REQUIRE(msg.add_header("X-Added", "1"));
  REQUIRE(msg.add_header("X-Added", "2"));
  CHECK(raw.rendered() ==
        with(options_text, "Content-Length: 5\r\n", "Content-Length: 5\r\nX-Added: 1\r\nX-Added: 2\r\n"));
  // the received message is unchanged: later reads do not see the new header
  CHECK_FALSE(msg.has_header("X-Added"));
  CHECK(raw.text() == options_text);
}

TEST_CASE_METHOD(fresh, "edits: add_header_before / add_header_after a given header") {
  auto raw = sip_message::parse(options_text);
  modsdk::message msg{raw.raw()};
  const auto keep = *msg.headers("X-Keep").begin();
  REQUIRE(msg.add_header_before(keep, "X-Before", "b"));
  REQUIRE(msg.add_header_after(keep, "X-After", "a"));
  const auto via = *msg.headers(header_type::via).begin();
  REQUIRE(msg.add_header_before(via, "Record-Route", "<sip:proxy;lr>"));
  CHECK(raw.rendered() == with(with(options_text, "X-Keep: kept\r\n", "X-Before: b\r\nX-Keep: kept\r\nX-After: a\r\n"),
                               "Via:", "Record-Route: <sip:proxy;lr>\r\nVia:"));
}

TEST_CASE_METHOD(fresh,
                 "edits: remove_header(s) by name (any case) and by type; a header removed twice gets one deletion") {
  auto raw = sip_message::parse(options_text);
  modsdk::message msg{raw.raw()};
  CHECK(msg.remove_headers("X-REMOVE") == 2);
  CHECK(msg.remove_headers("X-Remove") == 0);  // the same lines again: already removed, no second lump
  CHECK(msg.remove_header(*msg.headers("X-Remove").begin()));
  CHECK(msg.remove_headers(header_type::max_forwards) == 1);
  CHECK(msg.remove_headers("X-Absent") == 0);
  CHECK(raw.rendered() == with(with(with(options_text, "X-Remove: gone\r\n", ""), "x-remove: gone too\r\n", ""),
                               "Max-Forwards: 70\r\n", ""));
}

TEST_CASE_METHOD(fresh, "edits: replace_header_value keeps the name; replace() changes a slice of the received text") {
  auto raw = sip_message::parse(options_text);
  modsdk::message msg{raw.raw()};
  REQUIRE(msg.replace_header_value(*msg.headers("x-keep").begin(), "changed value"));
  const std::string_view from = *msg.header("From");
  REQUIRE(msg.replace(from.substr(from.find("alice"), 5), "carol"));
  CHECK(raw.rendered() ==
        with(with(options_text, "X-Keep: kept", "X-Keep: changed value"), "<sip:alice@", "<sip:carol@"));
}

TEST_CASE_METHOD(fresh, "edits: an added header and a removal at the same place both apply") {
  auto raw = sip_message::parse(options_text);
  modsdk::message msg{raw.raw()};
  const auto keep = *msg.headers("X-Keep").begin();
  REQUIRE(msg.remove_header(keep));
  REQUIRE(msg.add_header_after(keep, "X-New", "n"));    // anchored where the deleted line ends
  REQUIRE(msg.add_header_before(keep, "X-Also", "y"));  // anchored where the deletion starts
  CHECK(raw.rendered() == with(options_text, "X-Keep: kept\r\n", "X-Also: y\r\nX-New: n\r\n"));
  // text anchored strictly inside a deleted range is dropped, as process_lumps skips it
  REQUIRE(msg.replace(msg.header("X-Keep")->substr(1, 2), "EP"));
  CHECK(raw.rendered() == with(options_text, "X-Keep: kept\r\n", "X-Also: y\r\nX-New: n\r\n"));
}

TEST_CASE_METHOD(fresh, "edits: set_body replaces the body, the Content-Type, and the core rewrites Content-Length") {
  auto raw = sip_message::parse(options_text);
  modsdk::message msg{raw.raw()};
  REQUIRE(msg.set_body("{\"a\":1}", "application/json"));
  CHECK(raw.rendered() ==
        with(with(with(options_text, "text/plain", "application/json"), "Content-Length: 5", "Content-Length: 7"),
             "\r\n\r\nhello", "\r\n\r\n{\"a\":1}"));
  SECTION("an empty body removes it and its Content-Type") {
    auto raw2 = sip_message::parse(options_text);
    modsdk::message m2{raw2.raw()};
    REQUIRE(m2.set_body("", ""));
    CHECK(raw2.rendered() ==
          with(with(with(options_text, "Content-Type: text/plain\r\n", ""), "Content-Length: 5", "Content-Length: 0"),
               "\r\n\r\nhello", "\r\n\r\n"));
  }
  SECTION("a body added to a message without one gets a Content-Type header") {
    auto raw3 = sip_message::parse(
        "MESSAGE sip:b@x SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bKm\r\nCall-ID: m\r\nCSeq: 1 MESSAGE\r\n"
        "Content-Length: 0\r\n\r\n");
    modsdk::message m3{raw3.raw()};
    REQUIRE(m3.set_body("hi", "text/plain"));
    CHECK(raw3.rendered() ==
          "MESSAGE sip:b@x SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bKm\r\nCall-ID: m\r\nCSeq: 1 MESSAGE\r\n"
          "Content-Length: 2\r\nContent-Type: text/plain\r\n\r\nhi");
  }
}

TEST_CASE_METHOD(fresh, "edits: what cannot make a valid message is refused with a log line, nothing changed") {
  auto raw = sip_message::parse(options_text);
  modsdk::message msg{raw.raw()};
  CHECK_FALSE(msg.add_header("X-Bad", "a\r\nInjected: yes"));
  CHECK(core().logged("line break"));
  CHECK_FALSE(msg.add_header("Bad Name", "v"));
  CHECK_FALSE(msg.add_header("", "v"));
  CHECK_FALSE(msg.remove_header(modsdk::header_field{"X-Hand", "made", header_type::other}));
  const std::string copy = "a copy";
  CHECK_FALSE(msg.replace(copy, "x"));
  CHECK(core().logged("not part of the received message"));
  CHECK_FALSE(msg.set_body("body", ""));
  auto other = sip_message::parse(options_text);
  modsdk::message other_msg{other.raw()};
  CHECK_FALSE(msg.remove_header(*other_msg.headers("X-Keep").begin()));  // a header of another message
  CHECK(raw.rendered() == options_text);
}

TEST_CASE_METHOD(fresh, "edits: the lumps and their text are pkg memory the core frees with the message") {
  const auto before = core().pkg_blocks();
  {
    auto raw = sip_message::parse(options_text);
    modsdk::request req{raw.raw()};
    REQUIRE(req.add_header("X-A", "1"));
    REQUIRE(req.remove_headers("X-Keep") == 1);
    REQUIRE(req.add_reply_header("X-R", "r"));
    CHECK(core().pkg_blocks() > before);
  }
  CHECK(core().pkg_blocks() == before);
}

TEST_CASE_METHOD(fresh, "reply lumps: headers and a body for the next generated reply, one body only") {
  auto raw = sip_message::parse(options_text);
  modsdk::request req{raw.raw()};
  REQUIRE(req.add_reply_header("X-Reply", "yes"));
  REQUIRE(req.set_reply_body("busy", "text/plain"));
  CHECK_FALSE(req.set_reply_body("again", "text/plain"));
  CHECK(core().logged("LUMP_RPL_BODY already added"));
  CHECK(raw.reply_headers() == "X-Reply: yes\r\nContent-Type: text/plain\r\n");
  CHECK(raw.reply_body() == "busy");
  CHECK(raw.rendered() == options_text);  // the request itself is untouched
}

TEST_CASE_METHOD(fresh, "message state: script flags 0 - 31 in msg->flags") {
  auto raw = sip_message::parse(options_text);
  modsdk::message msg{raw.raw()};
  CHECK_FALSE(msg.is_flag_set(3));
  CHECK(msg.set_flag(3));
  CHECK(msg.set_flag(31));
  CHECK(msg.set_flag(0));
  CHECK(msg.is_flag_set(3));
  CHECK(raw.flags() == ((1U << 31) | (1U << 3) | 1U));
  CHECK(msg.reset_flag(3));
  CHECK_FALSE(msg.is_flag_set(3));
  CHECK_FALSE(msg.set_flag(32));
  CHECK(core().logged("script flags are 0 - 31"));
  CHECK(raw.flags() == ((1U << 31) | 1U));
}

TEST_CASE_METHOD(fresh, "message state: set_dst_uri / reset_dst_uri; set_ruri shows in the rendered request line") {
  auto raw = sip_message::parse(options_text);
  modsdk::request req{raw.raw()};
  REQUIRE(req.set_dst_uri("sip:10.0.0.9:5080"));
  CHECK(req.dst_uri() == "sip:10.0.0.9:5080");
  req.reset_dst_uri();
  CHECK(req.dst_uri().empty());
  CHECK_FALSE(raw.dst_uri());
  REQUIRE(req.set_ruri("sip:dave@example.org"));
  REQUIRE(req.add_header("X-Routed", "1"));
  CHECK(raw.rendered() == with(with(options_text, "OPTIONS sip:bob@example.com", "OPTIONS sip:dave@example.org"),
                               "Content-Length: 5\r\n", "Content-Length: 5\r\nX-Routed: 1\r\n"));
}

TEST_CASE_METHOD(fresh, "message state: append_branch fills the destination set (the target's own core call)") {
  auto raw = sip_message::parse(options_text);
  modsdk::request req{raw.raw()};
  CHECK(req.branch_count() == 0);
  REQUIRE(req.append_branch("sip:b1@example.com"));
  REQUIRE(req.append_branch("sip:b2@example.com", "sip:10.0.0.2:5060", 500));
  CHECK_FALSE(req.append_branch("sip:b3@example.com", {}, 1001));
  CHECK(core().logged("q is in thousandths"));
  CHECK_FALSE(req.append_branch(""));
  CHECK(req.branch_count() == 2);
  const auto b = sip_message::branches();
  REQUIRE(b.size() == 2);
  CHECK(b[0].uri == "sip:b1@example.com");
  CHECK(b[0].dst_uri.empty());
  CHECK(b[0].q == -1);
  CHECK(b[1].uri == "sip:b2@example.com");
  CHECK(b[1].dst_uri == "sip:10.0.0.2:5060");
  CHECK(b[1].q == 500);
  for (int i = 2; i < 11; ++i) REQUIRE(req.append_branch("sip:more@example.com"));
  CHECK_FALSE(req.append_branch("sip:one-too-many@example.com"));  // MAX_BRANCHES 12, one kept for the R-URI
  CHECK(core().logged("max nr of branches exceeded"));
  CHECK_FALSE(core().logged("modsdk fake core: the target core"));  // append_branch until 3.5, then append_msg_branch
  auto next = sip_message::parse(options_text);
  CHECK(sip_message::branches().empty());
}
