// SPDX-License-Identifier: MIT
// The API api_provider exports (load_api_provider) and api_user binds: a plain struct of function pointers.
#pragma once

struct counter_api {
  long (*add)(long n);
  long (*total)();
};
