#pragma once

#include <chrono>
#include <functional>
#include <future>
#include <memory>

namespace civicdesk {

// Something the program needs soon but not at once (the city's address index, its districts),
// made on a thread of its own so that the window opens without waiting for it. take() waits
// for it the first time it is needed. When the thread could not make it (`there` answered
// nothing: e.g. the store would not open a second connection) `here` makes it on the calling
// thread instead, so a caller always gets it.
template <typename T> class MadeInBackground
{
public:
    using Make = std::function<std::shared_ptr<T>()>;

    MadeInBackground() = default;
    // Starts `there` on a thread of its own at once.
    MadeInBackground(Make there, Make here)
        : m_future(std::async(std::launch::async, std::move(there)).share()),
          m_here(std::move(here))
    {
    }

    // Not taken yet.
    bool isPending() const { return m_future.valid(); }
    // Made (or nothing pending): take() would not wait.
    bool isDone() const
    {
        return !m_future.valid() ||
               m_future.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
    }

    // The thing, waiting for the thread if need be; once (then nothing is pending).
    std::shared_ptr<T> take()
    {
        if (!m_future.valid())
            return nullptr;
        std::shared_ptr<T> made = m_future.get();
        m_future = {};
        if (!made && m_here)
            made = m_here();
        m_here = nullptr;
        return made;
    }

private:
    std::shared_future<std::shared_ptr<T>> m_future;
    Make m_here;
};

} // namespace civicdesk
