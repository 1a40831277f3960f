#pragma once

#include <QString>
#include <memory>

namespace civicdesk {
class Database;
}

namespace civicdesk::test {

// The store's write lock, held by a connection of the test's own: on SQLite the file's
// (BEGIN IMMEDIATE), on PostgreSQL the advisory lock under which the server numbers events and
// the account and meta tables locked against writes. Every write of the server waits for it;
// reads go on.
class StoreWriteLock
{
public:
    explicit StoreWriteLock(const QString &pathOrUrl);
    ~StoreWriteLock();
    bool held() const { return m_held; }
    QString error() const { return m_error; }
    void release();

private:
    std::unique_ptr<Database> m_store;
    QString m_error;
    bool m_held = false;
};

} // namespace civicdesk::test
