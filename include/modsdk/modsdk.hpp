// SPDX-License-Identifier: MIT
/// @file The umbrella header: everything a module author uses. Includes public headers only.
#pragma once
#include <modsdk/config.hpp>
#include <modsdk/target.hpp>
#include <modsdk/route.hpp>
#include <modsdk/message.hpp>
#include <modsdk/log.hpp>
#include <modsdk/module.hpp>
