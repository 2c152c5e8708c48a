// SPDX-License-Identifier: MIT
/// @file What the core parses into a linked list per header (Contact's contact_t, Route's rr_t ...), read
/// across every header of a kind: a forward range of views, in message order. The base of contact_list
/// and route_list.
#pragma once
#include <cstddef>
#include <iterator>
#include <modsdk/config.hpp>

#include <modsdk/message/headers.hpp>

MODSDK_BEGIN_NAMESPACE
namespace detail::msg {

/// The nodes (`Node`, chained by `next`) of the parsed bodies of `headers`, each read as a `View`
/// (constructed from `const Node&`); `First(parsed)` gives a header's first node, or null when it has none.
/// Every header was parsed by the core when the range was made.
template <class Node, class View, const Node* (*First)(const void* parsed) noexcept>
class header_chain {
 public:
  class iterator {
   public:
    using value_type = View;
    using difference_type = std::ptrdiff_t;
    using iterator_category = std::forward_iterator_tag;
    iterator() noexcept = default;
    iterator(header_range::iterator h, header_range::iterator end) noexcept : h_(h), end_(end) { settle(); }
    View operator*() const noexcept { return View(*n_); }
    iterator& operator++() noexcept {
      n_ = n_->next;
      if (!n_) {
        ++h_;
        settle();
      }
      return *this;
    }
    iterator operator++(int) noexcept {
      auto old = *this;
      ++*this;
      return old;
    }
    friend bool operator==(const iterator& a, const iterator& b) noexcept { return a.n_ == b.n_; }

   private:
    void settle() noexcept {  // the first node of this header or of the next one that has any
      for (n_ = nullptr; h_ != end_; ++h_)
        if (const Node* n = First((*h_).raw->parsed)) {
          n_ = n;
          return;
        }
    }
    header_range::iterator h_, end_;
    const Node* n_ = nullptr;
  };

  explicit header_chain(header_range headers) noexcept : headers_(headers) {}
  iterator begin() const noexcept { return iterator(headers_.begin(), headers_.end()); }
  iterator end() const noexcept { return iterator(); }
  bool empty() const noexcept { return begin() == end(); }
  std::size_t size() const noexcept { return static_cast<std::size_t>(std::distance(begin(), end())); }
  /// The headers the range is made of.
  const header_range& headers() const noexcept { return headers_; }

 protected:
  header_range headers_;
};

}  // namespace detail::msg
MODSDK_END_NAMESPACE
