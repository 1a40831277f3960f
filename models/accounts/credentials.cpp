#include "models/accounts/credentials.h"

#include <QCoreApplication>
#include <sodium.h>

namespace civicdesk::credentials {

namespace {

class Text
{
    Q_DECLARE_TR_FUNCTIONS(AccountStore)
};

} // namespace

void initialise()
{
    if (sodium_init() < 0)
        qFatal("libsodium cannot be initialised");
}

QString randomToken()
{
    unsigned char bytes[32];
    randombytes_buf(bytes, sizeof bytes);
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char *>(bytes), sizeof bytes)
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString sha256Hex(const QString &text)
{
    const QByteArray data = text.toUtf8();
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char *>(data.constData()),
                       quint64(data.size()));
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char *>(digest), sizeof digest).toHex());
}

Result<QString> hashPassword(const QString &password)
{
    const QByteArray utf8 = password.toUtf8();
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(hash, utf8.constData(), quint64(utf8.size()),
                          crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return makeError(QStringLiteral("auth.hash"),
                         Text::tr("Not enough memory to hash the password; try again."));
    return QString::fromLatin1(hash);
}

bool verifyPassword(const QString &hash, const QString &password)
{
    const QByteArray utf8 = password.toUtf8();
    return crypto_pwhash_str_verify(hash.toLatin1().constData(), utf8.constData(),
                                    quint64(utf8.size())) == 0;
}

} // namespace civicdesk::credentials
