// SPDX-License-Identifier: MIT
// Test kit fake core: modsdk::testing::sip_message, a message parsed from its text into the fake sip_msg.
#pragma once
// NOLINTBEGIN(misc-definitions-in-headers): a single-definition piece of the fake core (testing/impl.hpp)
#include <charconv>
#include <modsdk/config.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <modsdk/abi/dset.hpp>
#include <modsdk/abi/sip_msg.hpp>
#include <modsdk/testing/fake/lumps.hpp>
#include <modsdk/testing/fake/msg_state.hpp>
#include <modsdk/testing/fake/parse_body.hpp>
#include <modsdk/testing/fake/parse_contact.hpp>
#include <modsdk/testing/fake/parse_hdrs.hpp>
#include <modsdk/testing/fake/parser.hpp>
#include <modsdk/testing/fake/sockets.hpp>
#include <modsdk/testing/sip_message.hpp>

MODSDK_BEGIN_NAMESPACE
namespace testing {

void detail::fake_msg_deleter::operator()(detail::fake_msg* m) const noexcept {
  if (!m) return;
  detail::free_lump_list(m->msg.add_rm);  // free_sip_msg(): the lumps and the text they own
  detail::free_lump_list(m->msg.body_lumps);
  detail::free_reply_lumps(m->msg.reply_lump);
  detail::free_contact_bodies(m->data->fields);
  detail::free_other_parsed(m->data->fields);
  detail::free_body_store(m->msg.body);
  delete m->data;
  delete m;
}

sip_message sip_message::parse(std::string_view text) {
  static unsigned msg_ids = 0;
  auto* m = new detail::fake_msg{};
  sip_message out;
  out.msg_.reset(m);
  m->magic = detail::msg_magic;
  m->data = new detail::msg_data();
  m->msg.id = ++msg_ids;
  auto* d = m->data;
  detail::g_dset.clear();  // a new request: an empty destination set
  d->buf.assign(text);
  std::string_view all = d->buf;

  auto next_line = [&](std::size_t& pos) -> std::string_view {
    if (pos >= all.size()) return {};
    auto nl = all.find('\n', pos);
    std::string_view line = all.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? all.size() : nl + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
  };

  std::size_t pos = 0;
  std::string_view first = next_line(pos);
  m->msg.first_line.len = static_cast<int>(pos);
  auto sp1 = first.find(' ');
  auto sp2 = sp1 == std::string_view::npos ? sp1 : first.find(' ', sp1 + 1);
  if (sp1 == std::string_view::npos || sp2 == std::string_view::npos)
    throw std::invalid_argument(
        "modsdk::testing::sip_message::parse: the first line is neither a request nor a "
        "status line: \"" +
        std::string(first) + "\"");
  std::string_view a = first.substr(0, sp1), b = first.substr(sp1 + 1, sp2 - sp1 - 1), c = first.substr(sp2 + 1);
  auto& fl = m->msg.first_line;
  fl.a = detail::to_str(a);
  fl.b = detail::to_str(b);
  fl.c = detail::to_str(c);
  if (a.starts_with("SIP/")) {
    int code = 0;
    auto [p, ec] = std::from_chars(b.data(), b.data() + b.size(), code);
    if (ec != std::errc{} || p != b.data() + b.size() || b.size() != 3)
      throw std::invalid_argument("modsdk::testing::sip_message::parse: bad status code in \"" + std::string(first) +
                                  "\"");
    fl.type = abi::sip_reply;
    fl.value = code;
  } else if (c.starts_with("SIP/")) {
    fl.type = abi::sip_request;
    fl.value = detail::method_id(a);
  } else {
    throw std::invalid_argument(
        "modsdk::testing::sip_message::parse: the first line is neither a request nor a "
        "status line: \"" +
        std::string(first) + "\"");
  }

  // headers up to the empty line; a line starting with SP/HT continues the previous header
  while (pos < all.size()) {
    std::size_t start = pos;
    std::string_view line = next_line(pos);
    if (line.empty()) break;
    if ((line.front() == ' ' || line.front() == '\t') && !d->hdrs.empty()) {
      auto& h = d->hdrs.back();
      const char* body_start = h.body.empty() ? line.data() : h.body.data();
      h.body =
          detail::trim(std::string_view(body_start, static_cast<std::size_t>(line.data() + line.size() - body_start)));
      h.len = static_cast<int>(pos - static_cast<std::size_t>(h.name.data() - all.data()));
      continue;
    }
    auto colon = line.find(':');
    if (colon == std::string_view::npos)
      throw std::invalid_argument("modsdk::testing::sip_message::parse: header line without ':': \"" +
                                  std::string(line) + "\"");
    std::string_view name = detail::trim(line.substr(0, colon));
    if (name.empty() || name.data() != line.data())  // "\r: x": no name the core would split (fuzz: message)
      throw std::invalid_argument("modsdk::testing::sip_message::parse: header line without a name: \"" +
                                  std::string(line) + "\"");
    std::string_view body = detail::trim(line.substr(colon + 1));
    if (body.empty()) body = std::string_view(line.data() + line.size(), 0);
    d->hdrs.push_back({name, body, detail::header_type(name), static_cast<int>(pos - start)});
  }
  d->body = pos < all.size() ? all.substr(pos) : std::string_view(all.data() + all.size(), 0);
  // receive_msg() -> parse_msg(): the first line and the headers up to the first Via (two for a reply)
  m->msg.buf = d->buf.data();
  m->msg.len = static_cast<unsigned>(d->buf.size());
  m->msg.unparsed = m->msg.buf + fl.len;
  m->msg.rcv.src_port = d->src_port;
  m->msg.rcv.bind_address = &detail::listeners()[0];
  m->msg.ruri_q = abi::q_unspecified;  // receive_msg()
  detail::build_header_list(m, fl.type == abi::sip_request ? abi::hdr_flag(abi::header_type::via)
                                                           : abi::hdr_flag(abi::header_type::via) | abi::hdr_via2_f);
  d->parse_calls = d->split_lines = 0;
  return out;
}

abi::sip_msg* sip_message::raw() const noexcept { return reinterpret_cast<abi::sip_msg*>(msg_.get()); }
bool sip_message::is_request() const noexcept { return msg_->msg.first_line.type == abi::sip_request; }
bool sip_message::is_reply() const noexcept { return msg_->msg.first_line.type == abi::sip_reply; }
sip_message& sip_message::set_source(std::string_view ip, unsigned short port) {
  msg_->data->src_ip = std::string(ip);
  msg_->data->src_port = port;
  msg_->msg.rcv.src_port = port;
  return *this;
}
sip_message& sip_message::set_received_socket(std::string_view socket) {
  const void* si = detail::listener_by_text(socket);
  if (!si)
    throw std::invalid_argument(
        "modsdk::testing::sip_message::set_received_socket: the fake core does not listen on \"" + std::string(socket) +
        "\"");
  msg_->msg.rcv.bind_address = si;
  return *this;
}
std::string_view sip_message::source_ip() const noexcept { return msg_->data->src_ip; }
unsigned short sip_message::source_port() const noexcept { return msg_->data->src_port; }
std::optional<std::string_view> sip_message::new_uri() const noexcept {
  if (!msg_->data->new_uri) return std::nullopt;
  return std::string_view(*msg_->data->new_uri);
}
std::optional<std::string_view> sip_message::dst_uri() const noexcept {
  if (!msg_->data->dst_uri) return std::nullopt;
  return std::string_view(*msg_->data->dst_uri);
}
int sip_message::headers_split() const noexcept { return msg_->data->split_lines; }
int sip_message::parse_calls() const noexcept { return msg_->data->parse_calls; }
std::string_view sip_message::text() const noexcept { return msg_->data->buf; }
std::string sip_message::rendered() const { return detail::render(msg_.get()); }
std::vector<sip_message::branch> sip_message::branches() { return detail::g_dset; }
unsigned sip_message::flags() const noexcept { return msg_->msg.flags; }
std::string sip_message::reply_headers() const { return detail::reply_text(msg_->msg.reply_lump, abi::lump_rpl_hdr); }
std::string sip_message::reply_body() const { return detail::reply_text(msg_->msg.reply_lump, abi::lump_rpl_body); }

}  // namespace testing
MODSDK_END_NAMESPACE
// NOLINTEND(misc-definitions-in-headers)
