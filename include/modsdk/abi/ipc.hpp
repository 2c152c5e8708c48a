// SPDX-License-Identifier: MIT
// ABI layer: the core's IPC (ipc.h) and the process number and table (pt.h), the same in 3.4.18, 3.5.9, 3.6.8
// and 4.0.1: a job is a function pointer plus a parameter written to a process's pipe (ipc_send_rpc) or to the
// pipe every SIP worker reads (ipc_dispatch_rpc); the receiving process calls rpc(sender, param). Every
// version's struct process_table starts with `int pid; enum process_type type;` (its size is per version:
// process_table_size in abi/v3_4.hpp, abi/v4_0.hpp), set by the child right after the fork, before child_init.
#pragma once
#include <modsdk/config.hpp>

#include <modsdk/abi/common.hpp>

MODSDK_BEGIN_NAMESPACE
namespace abi {

/// `ipc_rpc_f`: what a process runs for a job sent with ipc_send_rpc / ipc_dispatch_rpc.
using ipc_rpc_f = void(int sender, void* param);

/// `enum process_type` (pt.h): what forked a process; TYPE_UDP/TYPE_TCP are SIP workers, the core's timer
/// handlers are TYPE_TIMER (they run child_init with a rank >= 1 too), TYPE_NONE the others.
enum class process_type : int { none = 0, udp = 1, tcp = 2, timer = 3, module = 4 };
/// Offsets of `pid` and `type` in struct process_table.
inline constexpr unsigned process_table_pid_offset = 0, process_table_type_offset = 4;

extern "C" {
/// Writes the job to process `dst_proc`'s IPC pipe. 0 on success, -1 on error.
MODSDK_CORE_SYMBOL int ipc_send_rpc(int dst_proc, ipc_rpc_f* rpc, void* param);
/// Writes the job to the pipe the SIP workers share: one of them runs it. 0 on success, -1 on error.
MODSDK_CORE_SYMBOL int ipc_dispatch_rpc(ipc_rpc_f* rpc, void* param);
/// This process's index in the core's process table (pt.h), the `dst_proc` of ipc_send_rpc.
MODSDK_CORE_SYMBOL extern int process_no;
/// `struct process_table *pt`: one entry per process, indexed by process_no (opaque here: read with the
/// offsets above and the version's process_table_size).
MODSDK_CORE_SYMBOL extern void* pt;
}  // extern "C"

}  // namespace abi
MODSDK_END_NAMESPACE
