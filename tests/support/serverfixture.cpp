#include "tests/support/serverfixture.h"

namespace civicdesk::test {

ServerFixture::ServerFixture(QString executable) : m_executable(std::move(executable)) {}

ServerFixture::~ServerFixture()
{
    stop();
}

bool ServerFixture::fail(const QString &why)
{
    m_error = why;
    return false;
}

bool ServerFixture::open()
{
    m_store = std::make_unique<ServerStore>();
    if (m_store->url().isEmpty())
        return fail(u"no store: " + m_store->error());
    qInfo("backend %s", qPrintable(ServerStore::backend()));
    m_server = std::make_unique<ServerProcess>(m_executable, m_store->url());
    return true;
}

bool ServerFixture::importMiniCity()
{
    return test::importMiniCity(*m_server, &m_error);
}

bool ServerFixture::addUsers(const QList<ServerUser> &users, const QString &password)
{
    for (const ServerUser &user : users) {
        if (!m_server->addUser(user.name, user.role, password))
            return fail(QStringLiteral("user %1 (%2) was not added").arg(user.name, user.role));
    }
    return true;
}

bool ServerFixture::start(const QStringList &arguments)
{
    if (m_server->processId() != 0) {
        m_server->terminate();
        m_server = std::make_unique<ServerProcess>(m_executable, m_store->url());
    }
    m_server->setServerArguments(arguments);
    if (!m_server->start())
        return fail(u"the server did not start: " + QString::fromUtf8(m_server->log()));
    return true;
}

bool ServerFixture::signIn(const QStringList &names, const QString &password)
{
    for (const QString &name : names) {
        const QString token = m_server->login(name, password);
        if (token.isEmpty())
            return fail(u"sign-in refused for " + name);
        m_tokens.insert(name, token);
    }
    return true;
}

bool ServerFixture::setUp(const QList<ServerUser> &users, City city, const QStringList &signedIn)
{
    return open() && (city == City::None || importMiniCity()) && addUsers(users) && start() &&
           signIn(signedIn);
}

void ServerFixture::stop()
{
    if (m_server)
        m_server->terminate();
}

} // namespace civicdesk::test
