// SPDX-License-Identifier: MIT
#pragma once

#include <memory>
#include <type_traits>

/// Owning handles for the objects of C libraries (see STYLE.md §6): every adapter names its
/// handles from this one template, so that a constructor that throws half way frees what it
/// has made so far.
namespace mapreel::adapters {

/// Frees a C object with `Free`, which takes the pointer (`cairo_destroy(p)`) or, as libav's
/// frees do, its address (`av_frame_free(&p)`). Stateless: a handle is one pointer wide.
template <auto Free> struct Deleter {
    template <typename T> void operator()(T* p) const noexcept {
        if (!p)
            return;
        // The pointer first: GLib's g_object_unref takes a void*, which a T** would fit too.
        if constexpr (std::is_invocable_v<decltype(Free), T*>)
            Free(p);
        else
            Free(&p);
    }
};

/// A unique owner of a `T` freed by `Free`: `Handle<cairo_t, &cairo_destroy>`.
template <typename T, auto Free> using Handle = std::unique_ptr<T, Deleter<Free>>;

/// Frees a C object with `Free(context, p)`, for libraries whose objects belong to a context
/// (GEOS): holds the context, so a handle is two pointers wide.
template <auto Free, typename Context> struct ContextDeleter {
    Context context{};
    template <typename T> void operator()(T* p) const noexcept {
        if (p)
            Free(context, p);
    }
};

/// A unique owner of a `T` freed by `Free(context, p)`.
template <typename T, auto Free, typename Context>
using ContextHandle = std::unique_ptr<T, ContextDeleter<Free, Context>>;

} // namespace mapreel::adapters
