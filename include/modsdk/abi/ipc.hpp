// SPDX-License-Identifier: MIT
// ABI layer: the core's IPC (ipc.h) and the process number (pt.h), the same in 3.4.18, 3.5.9, 3.6.8 and
// 4.0.1: a job is a function pointer plus a parameter written to a process's pipe (ipc_send_rpc) or to the
// pipe every SIP worker reads (ipc_dispatch_rpc); the receiving process calls rpc(sender, param).
#pragma once
#include <modsdk/config.hpp>

#include <modsdk/abi/common.hpp>

MODSDK_BEGIN_NAMESPACE
namespace abi {

/// `ipc_rpc_f`: what a process runs for a job sent with ipc_send_rpc / ipc_dispatch_rpc.
using ipc_rpc_f = void(int sender, void* param);

extern "C" {
/// Writes the job to process `dst_proc`'s IPC pipe. 0 on success, -1 on error.
MODSDK_CORE_SYMBOL int ipc_send_rpc(int dst_proc, ipc_rpc_f* rpc, void* param);
/// Writes the job to the pipe the SIP workers share: one of them runs it. 0 on success, -1 on error.
MODSDK_CORE_SYMBOL int ipc_dispatch_rpc(ipc_rpc_f* rpc, void* param);
/// This process's index in the core's process table (pt.h), the `dst_proc` of ipc_send_rpc.
MODSDK_CORE_SYMBOL extern int process_no;
}  // extern "C"

}  // namespace abi
MODSDK_END_NAMESPACE
