// SPDX-License-Identifier: MIT
// dlg_probe: a module that binds dialog (modsdk::binds) for the real-core test "realcore: dialog: ...". Its
// created callback registers the per-dialog callbacks (confirmed, terminated, expired, failed) with a state, stores
// an int value and puts the dialog in the "calls" profile; dlg_probe_invite() (after create_dialog()) stores a text
// value and sets the "caller" profile; dlg_probe_bye() reads both values back from the current dialog. Every step
// logs one "dlg_probe:" line, so the test reads the dialog module's order from the log.
#include <modsdk/modsdk.hpp>

#include <string_view>

namespace {
modsdk::dialog::binding dlg;
modsdk::dialog::profile calls{dlg, "calls"};
modsdk::dialog::profile_with_value per_caller{dlg, "caller"};

struct probe_state {
  unsigned h_id;
  int events;
};

const char* name_of(modsdk::dialog::event e) {
  switch (e) {
    case modsdk::dialog::event::confirmed:
      return "confirmed";
    case modsdk::dialog::event::terminated:
      return "terminated";
    case modsdk::dialog::event::expired:
      return "expired";
    case modsdk::dialog::event::failed:
      return "failed";
    default:
      return "other";
  }
}

void on_event(const modsdk::dialog::dialog_event& e, probe_state& s) {
  ++s.events;
  const modsdk::dialog::view d = e.dialog();
  std::string_view method;
  if (auto m = e.msg()) method = m->method();
  modsdk::log::notice("dlg_probe: {} callid={} to_tag={} event={} same_id={} calls={} caller={} who={} seq={} msg={}",
                      name_of(e.type()), d.call_id(), d.to_tag().empty() ? "-" : "set", s.events,
                      d.id().h_id == s.h_id ? "yes" : "no", calls.count(), per_caller.count(d.from_uri()),
                      dlg.value<std::string>(d, "who").value_or("?"), dlg.value<int>(d, "seq").value_or(-1),
                      method.empty() ? "-" : method);
}

void on_new_dialog(const modsdk::dialog::dialog_event& e) {
  const modsdk::dialog::view d = e.dialog();
  const bool registered = dlg.on<on_event>(d,
                                           modsdk::dialog::event::confirmed | modsdk::dialog::event::terminated |
                                               modsdk::dialog::event::expired | modsdk::dialog::event::failed,
                                           probe_state{d.id().h_id, 0});
  dlg.set_value(d, "seq", 42);
  calls.set(d);
  modsdk::log::notice("dlg_probe: created callid={} from_tag={} state={} registered={} msg={}", d.call_id(),
                      d.from_tag(), static_cast<unsigned>(d.state()), registered ? "yes" : "no",
                      e.msg() ? e.msg()->method() : std::string_view("-"));
}
modsdk::dialog::on_created<on_new_dialog> created{dlg};

bool dlg_probe_invite(modsdk::message&) {
  auto d = dlg.current();
  if (!d) {
    modsdk::log::notice("dlg_probe: invite without a dialog");
    return false;
  }
  const bool ok = dlg.set_value(*d, "who", "alice") && per_caller.set(*d, d->from_uri());
  modsdk::log::notice("dlg_probe: invite callid={} stored={} caller={}", d->call_id(), ok ? "yes" : "no",
                      per_caller.count(d->from_uri()));
  return ok;
}

bool dlg_probe_bye(modsdk::message&) {
  auto d = dlg.current();
  if (!d) {
    modsdk::log::notice("dlg_probe: bye without a dialog");
    return false;
  }
  modsdk::log::notice("dlg_probe: bye callid={} who={} seq={} state={}", d->call_id(),
                      dlg.value<std::string>(*d, "who").value_or("?"), dlg.value<int>(*d, "seq").value_or(-1),
                      static_cast<unsigned>(d->state()));
  return true;
}
}  // namespace

MODSDK_MODULE(dlg_probe,
              modsdk::functions(MODSDK_FN(dlg_probe_invite, modsdk::route::request),
                                MODSDK_FN(dlg_probe_bye, modsdk::route::request)),
              modsdk::binds(dlg));
