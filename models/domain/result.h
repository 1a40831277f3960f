#pragma once

#include <QString>
#include <utility>
#include <variant>

namespace civicdesk {

// An error as a value: a stable machine code plus a sentence a person can act on.
struct Error
{
    QString code;
    QString message;
};

// Result<T>: either a value or an Error. Errors are values at API boundaries; no exceptions
// cross the event loop.
template <typename T> class [[nodiscard]] Result
{
public:
    Result(T value) : m_data(std::move(value)) {}
    Result(Error error) : m_data(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(m_data); }
    explicit operator bool() const { return ok(); }
    const T &value() const & { return std::get<T>(m_data); }
    T &value() & { return std::get<T>(m_data); }
    T &&value() && { return std::get<T>(std::move(m_data)); }
    const Error &error() const { return std::get<Error>(m_data); }

private:
    std::variant<T, Error> m_data;
};

struct Ok
{
};

using Status = Result<Ok>;

inline Error makeError(QString code, QString message)
{
    return Error{std::move(code), std::move(message)};
}

} // namespace civicdesk
