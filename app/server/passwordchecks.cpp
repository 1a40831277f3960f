#include "app/server/passwordchecks.h"

#include <QMetaObject>

namespace civicdesk {

PasswordChecks::PasswordChecks(int workers, int queue, QObject *parent)
    : QObject(parent), m_capacity(workers + queue)
{
    m_pool.setMaxThreadCount(workers);
}

PasswordChecks::~PasswordChecks()
{
    m_pool.clear();
    m_pool.waitForDone();
}

bool PasswordChecks::submit(std::function<bool()> check, std::function<void(bool)> done)
{
    if (m_inFlight >= m_capacity)
        return false;
    ++m_inFlight;
    m_pool.start([this, check = std::move(check), done = std::move(done)] {
        const bool outcome = check();
        QMetaObject::invokeMethod(
            this,
            [this, outcome, done] {
                --m_inFlight;
                done(outcome);
            },
            Qt::QueuedConnection);
    });
    return true;
}

} // namespace civicdesk
