#include "tests/support/pgcluster.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

namespace civicdesk::test {

namespace {

const QString binDir = QStringLiteral("/usr/lib/postgresql/15/bin");

QString bin(const QString &name)
{
    return binDir + u'/' + name;
}

// PostgreSQL refuses to run as root: then the cluster belongs to "nobody".
bool asRoot()
{
    return ::geteuid() == 0;
}

quint16 freePort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return 0;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof address;
    quint16 port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length) == 0)
        port = ntohs(address.sin_port);
    ::close(fd);
    return port;
}

bool giveToNobody(const QString &path)
{
    const passwd *nobody = ::getpwnam("nobody");
    return nobody &&
           ::chown(QFile::encodeName(path).constData(), nobody->pw_uid, nobody->pw_gid) == 0;
}

} // namespace

QString PgCluster::unavailableReason()
{
    for (const char16_t *name : {u"initdb", u"pg_ctl", u"postgres"}) {
        if (!QFileInfo(bin(QString::fromUtf16(name))).isExecutable())
            return QStringLiteral("PostgreSQL 15 is not installed (%1 is missing; "
                                  "packaging/setup-debian.sh installs postgresql-15)")
                .arg(bin(QString::fromUtf16(name)));
    }
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
        return QStringLiteral("the Qt PostgreSQL driver is not installed (libqt6sql6-psql)");
    return {};
}

bool PgCluster::run(const QStringList &command)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    QStringList arguments = command;
    QString program = arguments.takeFirst();
    if (asRoot()) {
        arguments = QStringList{QStringLiteral("-u"), QStringLiteral("nobody"),
                                QStringLiteral("--"), program} +
                    arguments;
        program = QStringLiteral("runuser");
    }
    process.setWorkingDirectory(m_dir.path());
    process.start(program, arguments);
    if (!process.waitForFinished(120000) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0) {
        m_error = QStringLiteral("%1 failed: %2")
                      .arg(command.first(), QString::fromLocal8Bit(process.readAll()).trimmed());
        return false;
    }
    return true;
}

PgCluster::PgCluster(bool durable)
{
    if (const QString why = unavailableReason(); !why.isEmpty()) {
        m_error = why;
        return;
    }
    if (!m_dir.isValid() || (asRoot() && !giveToNobody(m_dir.path()))) {
        m_error = QStringLiteral("cannot prepare %1 for the cluster").arg(m_dir.path());
        return;
    }
    const QString data = m_dir.filePath(QStringLiteral("data"));
    const QString passwordFile = m_dir.filePath(QStringLiteral("password"));
    {
        QFile file(passwordFile);
        if (!file.open(QIODevice::WriteOnly) || file.write(password().toUtf8()) < 0) {
            m_error = QStringLiteral("cannot write %1").arg(passwordFile);
            return;
        }
    }
    if (asRoot())
        giveToNobody(passwordFile);
    // Locale C: text sorts by code point, as SQLite's BINARY collation does.
    if (!run({bin(QStringLiteral("initdb")), QStringLiteral("--pgdata=") + data,
              QStringLiteral("--username=") + user(), QStringLiteral("--pwfile=") + passwordFile,
              QStringLiteral("--auth-host=scram-sha-256"), QStringLiteral("--auth-local=trust"),
              QStringLiteral("--encoding=UTF8"), QStringLiteral("--locale=C"),
              QStringLiteral("--no-sync")}))
        return;
    m_port = freePort();
    QFile conf(data + QStringLiteral("/postgresql.conf"));
    if (!conf.open(QIODevice::Append)) {
        m_error = QStringLiteral("cannot append to %1").arg(conf.fileName());
        return;
    }
    QString settings = QStringLiteral("\nlisten_addresses = '127.0.0.1'\nport = %1\n"
                                      "unix_socket_directories = '%2'\nmax_connections = 40\n")
                           .arg(m_port)
                           .arg(m_dir.path());
    if (!durable)
        settings +=
            QStringLiteral("fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n");
    conf.write(settings.toUtf8());
    conf.close();
    if (!run({bin(QStringLiteral("pg_ctl")), QStringLiteral("start"), QStringLiteral("-w"),
              QStringLiteral("-t"), QStringLiteral("60"), QStringLiteral("-D"), data,
              QStringLiteral("-l"), m_dir.filePath(QStringLiteral("server.log"))})) {
        QFile log(m_dir.filePath(QStringLiteral("server.log")));
        if (log.open(QIODevice::ReadOnly))
            m_error += u'\n' + QString::fromUtf8(log.readAll().right(2000));
        return;
    }
    m_running = true;
    watchOver(data);
}

// A test that aborts (qFatal, a crash, a ctest timeout) never runs the destructor: a detached
// watchdog stops the cluster and removes its folder once this process is gone.
void PgCluster::watchOver(const QString &data)
{
    QProcess watchdog;
    QStringList arguments = {
        QStringLiteral("-c"),
        QStringLiteral("while [ -d /proc/$0 ]; do sleep 1; done; \"$1\" stop -D \"$2\" -m "
                       "immediate; rm -rf \"$3\""),
        QString::number(QCoreApplication::applicationPid()),
        bin(QStringLiteral("pg_ctl")),
        data,
        m_dir.path()};
    QString program = QStringLiteral("sh");
    if (asRoot()) {
        arguments = QStringList{QStringLiteral("-u"), QStringLiteral("nobody"),
                                QStringLiteral("--"), program} +
                    arguments;
        program = QStringLiteral("runuser");
    }
    watchdog.setProgram(program);
    watchdog.setArguments(arguments);
    watchdog.setWorkingDirectory(QStringLiteral("/"));
    // Its output must not keep the test's pipes (and so ctest) waiting.
    watchdog.setStandardInputFile(QProcess::nullDevice());
    watchdog.setStandardOutputFile(QProcess::nullDevice());
    watchdog.setStandardErrorFile(QProcess::nullDevice());
    watchdog.startDetached();
}

bool PgCluster::stop()
{
    m_running = !run({bin(QStringLiteral("pg_ctl")), QStringLiteral("stop"), QStringLiteral("-w"),
                      QStringLiteral("-m"), QStringLiteral("fast"), QStringLiteral("-D"),
                      m_dir.filePath(QStringLiteral("data"))});
    return !m_running;
}

bool PgCluster::start()
{
    m_running = run({bin(QStringLiteral("pg_ctl")), QStringLiteral("start"), QStringLiteral("-w"),
                     QStringLiteral("-t"), QStringLiteral("60"), QStringLiteral("-D"),
                     m_dir.filePath(QStringLiteral("data")), QStringLiteral("-l"),
                     m_dir.filePath(QStringLiteral("server.log"))});
    return m_running;
}

PgCluster::~PgCluster()
{
    if (m_running)
        run({bin(QStringLiteral("pg_ctl")), QStringLiteral("stop"), QStringLiteral("-w"),
             QStringLiteral("-m"), QStringLiteral("immediate"), QStringLiteral("-D"),
             m_dir.filePath(QStringLiteral("data"))});
}

QString PgCluster::url(const QString &database, const QString &password) const
{
    // Every part percent-encoded, as the password holds URL delimiters on purpose.
    // Concatenated, not arg()ed: the encoded parts hold '%'.
    return u"postgresql://" + QString::fromUtf8(QUrl::toPercentEncoding(user())) + u':' +
           QString::fromUtf8(QUrl::toPercentEncoding(password)) + u"@127.0.0.1:" +
           QString::number(m_port) + u'/' + QString::fromUtf8(QUrl::toPercentEncoding(database));
}

QString PgCluster::createDatabase()
{
    static QAtomicInt connections;
    const QString name = QStringLiteral("test_%1").arg(++m_databases);
    const QString connection =
        QStringLiteral("pgcluster-admin-%1").arg(connections.fetchAndAddRelaxed(1));
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
        db.setHostName(QStringLiteral("127.0.0.1"));
        db.setPort(m_port);
        db.setUserName(user());
        db.setPassword(password());
        db.setDatabaseName(QStringLiteral("postgres"));
        if (!db.open()) {
            m_error = db.lastError().text();
        } else {
            QSqlQuery query(db);
            // The name is made here, never from input.
            ok = query.exec(QStringLiteral("CREATE DATABASE %1").arg(name));
            if (!ok)
                m_error = query.lastError().text();
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return ok ? url(name, password()) : QString();
}

} // namespace civicdesk::test
