// SPDX-License-Identifier: MIT
// Test kit fake core: IPC (ipc.c: ipc_send_rpc, ipc_dispatch_rpc) and the process number (pt.h). Each process
// has a queue of jobs (its pipe) and the SIP workers share one more; nothing runs until the test runs a
// process's jobs with core().run_ipc(p), so the order of a multi-process exchange is the test's to choose.
// The process table `pt` has the target version's entry size, each entry this process's pid and a type.
#pragma once
// NOLINTBEGIN(misc-definitions-in-headers): a single-definition piece of the fake core (testing/impl.hpp)
#include <unistd.h>
#include <cstddef>
#include <cstring>
#include <deque>
#include <map>
#include <modsdk/config.hpp>
#include <vector>

#include <modsdk/abi/common.hpp>
#include <modsdk/abi/ipc.hpp>
#include <modsdk/abi/select.hpp>
#include <modsdk/testing/core.hpp>
#include <modsdk/testing/fake/core_state.hpp>

MODSDK_BEGIN_NAMESPACE
namespace testing {
namespace detail {

/// The fake's process table size: a job for a process number outside [0, max_processes) is refused.
inline constexpr int fake_max_processes = 64;

struct fake_ipc_job {
  int sender;
  abi::ipc_rpc_f* rpc;
  void* param;
};

struct ipc_state {
  std::map<int, std::deque<fake_ipc_job>> pipes;  // -1: the pipe the SIP workers share
};

inline ipc_state& ipc_st() noexcept {
  static ipc_state* s = new ipc_state();  // NOLINT(bugprone-unhandled-exception-at-new): a test program
  return *s;
}

inline int queue_ipc(int dst, abi::ipc_rpc_f* rpc, void* param) noexcept {
  try {
    ipc_st().pipes[dst].push_back({abi::process_no, rpc, param});
    return 0;
  } catch (...) {
    return -1;
  }
}

/// Writes pt[process]: this process's pid and `type`.
inline void set_process_entry(int process, abi::process_type type) noexcept {
  static std::vector<unsigned char>* table =
      new std::vector<unsigned char>(  // NOLINT(bugprone-unhandled-exception-at-new): a test program
          std::size_t{fake_max_processes} * profile_abi::process_table_size);
  abi::pt = table->data();
  unsigned char* entry = table->data() + static_cast<std::size_t>(process) * profile_abi::process_table_size;
  const int pid = static_cast<int>(::getpid()), t = static_cast<int>(type);
  std::memcpy(entry + abi::process_table_pid_offset, &pid, sizeof pid);
  std::memcpy(entry + abi::process_table_type_offset, &t, sizeof t);
}

inline void reset_ipc() noexcept {
  ipc_st().pipes.clear();
  abi::process_no = 1;
  for (int p = 0; p < fake_max_processes; ++p) set_process_entry(p, abi::process_type::udp);
}

}  // namespace detail

void fake_core::set_process(int process) noexcept { abi::process_no = process; }

void fake_core::set_timer_process(int process) noexcept {
  if (process >= 0 && process < detail::fake_max_processes)
    detail::set_process_entry(process, abi::process_type::timer);
  abi::process_no = process;
}

std::size_t fake_core::run_ipc(int process, bool shared) {
  auto& st = detail::ipc_st();
  const int saved = abi::process_no;
  abi::process_no = process;
  std::size_t ran = 0;
  for (int q : {process, -1}) {
    if (q == -1 && !shared) break;
    for (;;) {
      auto it = st.pipes.find(q);
      if (it == st.pipes.end() || it->second.empty()) break;
      const detail::fake_ipc_job job = it->second.front();
      it->second.pop_front();
      job.rpc(job.sender, job.param);
      ++ran;
    }
  }
  abi::process_no = saved;
  return ran;
}

std::size_t fake_core::pending_ipc(int process) const noexcept {
  auto& pipes = detail::ipc_st().pipes;
  auto it = pipes.find(process);
  return it == pipes.end() ? 0 : it->second.size();
}

}  // namespace testing
MODSDK_END_NAMESPACE

// ---- the core symbols: IPC --------------------------------------------------------------------------------
MODSDK_BEGIN_NAMESPACE
namespace abi {
extern "C" {
int process_no = 1;
void* pt = nullptr;
int ipc_send_rpc(int dst_proc, ipc_rpc_f* rpc, void* param) {
  if (dst_proc < 0 || dst_proc >= testing::detail::fake_max_processes) {
    testing::detail::core_log(l_err, "ipc_send_rpc", "modsdk fake core: no process %d", dst_proc);
    return -1;
  }
  return testing::detail::queue_ipc(dst_proc, rpc, param);
}
int ipc_dispatch_rpc(ipc_rpc_f* rpc, void* param) { return testing::detail::queue_ipc(-1, rpc, param); }
}  // extern "C"
}  // namespace abi
MODSDK_END_NAMESPACE
// NOLINTEND(misc-definitions-in-headers)
