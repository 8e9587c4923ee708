// SPDX-License-Identifier: MIT
#pragma once

#include <cassert>
#include <utility>
#include <variant>

namespace mapreel {

/// Wraps the error alternative of an Expected so that T and E may be the same type.
template <class E> struct Unexpected { E error; };

template <class E> Unexpected<std::decay_t<E>> unexpected(E&& e) {
    return Unexpected<std::decay_t<E>>{std::forward<E>(e)};
}

/// A value or the errors that prevented it (std::expected arrives with C++23; switch then).
template <class T, class E> class Expected {
public:
    // Implicit like std::expected's, so that functions can `return value;`.
    Expected(T value) // NOLINT(google-explicit-constructor)
        : v_(std::in_place_index<0>, std::move(value)) {}
    Expected(Unexpected<E> e) // NOLINT(google-explicit-constructor)
        : v_(std::in_place_index<1>, std::move(e.error)) {}

    [[nodiscard]] bool hasValue() const noexcept { return v_.index() == 0; }
    explicit operator bool() const noexcept { return hasValue(); }

    [[nodiscard]] T& value() & {
        assert(hasValue());
        return std::get<0>(v_);
    }
    [[nodiscard]] const T& value() const& {
        assert(hasValue());
        return std::get<0>(v_);
    }
    [[nodiscard]] T&& value() && {
        assert(hasValue());
        return std::get<0>(std::move(v_));
    }
    [[nodiscard]] const E& error() const& {
        assert(!hasValue());
        return std::get<1>(v_);
    }
    [[nodiscard]] E&& error() && {
        assert(!hasValue());
        return std::get<1>(std::move(v_));
    }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

private:
    std::variant<T, E> v_;
};

} // namespace mapreel
