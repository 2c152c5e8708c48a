// SPDX-License-Identifier: MIT
// Test kit implementation: every extern "C" core symbol (abi/core.hpp) and the fake core's internals.
#pragma once
// Included by <modsdk/testing.hpp> in exactly one translation unit of a test program, the one that
// defines MODSDK_TESTING_IMPLEMENTATION. The pieces in testing/fake/ are named for the part of OpenSIPS
// each one mirrors.
#ifndef MODSDK_TESTING_IMPLEMENTATION
#error \
    "modsdk: include <modsdk/testing.hpp> (with MODSDK_TESTING_IMPLEMENTATION defined in one file), not testing/impl.hpp"
#endif
#include <modsdk/testing/fake/avp.hpp>
#include <modsdk/testing/fake/cachedb_local.hpp>
#include <modsdk/testing/fake/clusterer.hpp>
#include <modsdk/testing/fake/core_state.hpp>
#include <modsdk/testing/fake/db_core.hpp>
#include <modsdk/testing/fake/db_sqlite.hpp>
#include <modsdk/testing/fake/db_sqlite_async.hpp>
#include <modsdk/testing/fake/db_sqlite_query.hpp>
#include <modsdk/testing/fake/dialog.hpp>
#include <modsdk/testing/fake/dset.hpp>
#include <modsdk/testing/fake/evi.hpp>
#include <modsdk/testing/fake/host.hpp>
#include <modsdk/testing/fake/ipc.hpp>
#include <modsdk/testing/fake/loader.hpp>
#include <modsdk/testing/fake/lumps.hpp>
#include <modsdk/testing/fake/mem.hpp>
#include <modsdk/testing/fake/mi.hpp>
#include <modsdk/testing/fake/mi_async.hpp>
#include <modsdk/testing/fake/mod_fix.hpp>
#include <modsdk/testing/fake/modparam.hpp>
#include <modsdk/testing/fake/msg_flags.hpp>
#include <modsdk/testing/fake/msg_state.hpp>
#include <modsdk/testing/fake/parse_body.hpp>
#include <modsdk/testing/fake/parse_contact.hpp>
#include <modsdk/testing/fake/parse_hdrs.hpp>
#include <modsdk/testing/fake/parse_hdrs_sst.hpp>
#include <modsdk/testing/fake/parse_uri.hpp>
#include <modsdk/testing/fake/parser.hpp>
#include <modsdk/testing/fake/pv_format.hpp>
#include <modsdk/testing/fake/pv_module.hpp>
#include <modsdk/testing/fake/pv_spec.hpp>
#include <modsdk/testing/fake/pv_value.hpp>
#include <modsdk/testing/fake/script.hpp>
#include <modsdk/testing/fake/script_expr.hpp>
#include <modsdk/testing/fake/script_vars.hpp>
#include <modsdk/testing/fake/sip_message.hpp>
#include <modsdk/testing/fake/sockets.hpp>
#include <modsdk/testing/fake/stats.hpp>
#include <modsdk/testing/fake/status_report.hpp>
#include <modsdk/testing/fake/stock_modules.hpp>
#include <modsdk/testing/fake/timer.hpp>
#include <modsdk/testing/fake/tm.hpp>
#include <modsdk/testing/fake/tm_async.hpp>
#include <modsdk/testing/fake/trans.hpp>
