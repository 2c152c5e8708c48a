// SPDX-License-Identifier: MIT
// ABI layer: the structures whose layout differs between supported versions, as templates on their
// varying dimension. Each version header (v3_4.hpp ...) picks its instance.
#pragma once
#include <modsdk/abi/common.hpp>
#include <modsdk/config.hpp>

MODSDK_BEGIN_NAMESPACE
namespace abi {

/// `mi_recipe_t`: a handler and its NULL-terminated parameter names (MaxParams = MAX_MI_PARAMS).
template <int MaxParams>
struct mi_recipe {
  mi_handler_function cmd;
  const char* params[MaxParams];
};

/// `mi_export_t` up to 3.6: 48 recipes of 10 parameter slots.
struct mi_export_3x {
  const char* name;
  const char* help;
  unsigned int flags;
  int (*init_f)();
  mi_recipe<10> recipes[max_mi_recipes];
};

/// `mi_export_t` from 4.0: 48 recipes of 20 parameter slots, then up to 3 aliases (NULL-terminated).
struct mi_export_4x {
  const char* name;
  const char* help;
  unsigned int flags;
  int (*init_f)();
  mi_recipe<20> recipes[max_mi_recipes];
  const char* aliases[4];
};

/// `async_ctx` up to 3.6.
struct async_ctx_3x {
  void* resume_f;
  void* resume_param;
  void* timeout_f;
  unsigned int timeout_s;
};

/// `async_ctx` from 4.0: the resume function's name was inserted after it.
struct async_ctx_4x {
  void* resume_f;
  char* resume_f_name;
  void* resume_param;
  void* timeout_f;
  unsigned int timeout_s;
};

}  // namespace abi
MODSDK_END_NAMESPACE
