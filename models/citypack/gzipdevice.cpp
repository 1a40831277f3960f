#include "models/citypack/gzipdevice.h"

#include <QCoreApplication>
#include <zlib.h>

namespace civicdesk {

struct GzipDevice::State
{
    z_stream stream{};
    QByteArray input = QByteArray(64 * 1024, Qt::Uninitialized);
    bool finished = false;
};

GzipDevice::GzipDevice(QIODevice *source, QObject *parent) : QIODevice(parent), m_source(source) {}

GzipDevice::~GzipDevice()
{
    GzipDevice::close();
}

bool GzipDevice::open(OpenMode mode)
{
    if ((mode & ReadWrite) != ReadOnly) {
        setErrorString(QCoreApplication::translate("GzipDevice", "gzip streams are read-only"));
        return false;
    }
    m_state = std::make_unique<State>();
    // 16 + MAX_WBITS: expect a gzip header; concatenated members are handled in readData.
    if (inflateInit2(&m_state->stream, 16 + MAX_WBITS) != Z_OK) {
        setErrorString(QCoreApplication::translate("GzipDevice", "cannot initialise zlib"));
        m_state.reset();
        return false;
    }
    return QIODevice::open(mode);
}

void GzipDevice::close()
{
    if (m_state) {
        inflateEnd(&m_state->stream);
        m_state.reset();
    }
    if (isOpen())
        QIODevice::close();
}

bool GzipDevice::atEnd() const
{
    return (!m_state || m_state->finished) && QIODevice::atEnd();
}

qint64 GzipDevice::readData(char *data, qint64 maxSize)
{
    if (!m_state || m_state->finished)
        return m_state ? 0 : -1;
    z_stream &zs = m_state->stream;
    zs.next_out = reinterpret_cast<Bytef *>(data);
    zs.avail_out = uInt(std::min<qint64>(maxSize, 1 << 30));
    while (zs.avail_out > 0) {
        if (zs.avail_in == 0) {
            const qint64 n = m_source->read(m_state->input.data(), m_state->input.size());
            if (n < 0) {
                setErrorString(m_source->errorString());
                return -1;
            }
            if (n == 0) {
                if (zs.next_out == reinterpret_cast<Bytef *>(data)) {
                    setErrorString(QCoreApplication::translate(
                        "GzipDevice", "the compressed file ends early (truncated?)"));
                    return -1;
                }
                break;
            }
            zs.next_in = reinterpret_cast<Bytef *>(m_state->input.data());
            zs.avail_in = uInt(n);
        }
        const int rc = inflate(&zs, Z_NO_FLUSH);
        if (rc == Z_STREAM_END) {
            // Another gzip member may follow (as `cat a.gz b.gz` makes).
            if (zs.avail_in == 0 && m_source->atEnd()) {
                m_state->finished = true;
                break;
            }
            inflateReset(&zs);
        } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
            setErrorString(QCoreApplication::translate("GzipDevice", "corrupt gzip data: %1")
                               .arg(QString::fromLatin1(zs.msg ? zs.msg : "unknown")));
            return -1;
        }
    }
    return qint64(zs.next_out - reinterpret_cast<Bytef *>(data));
}

qint64 GzipDevice::writeData(const char *, qint64)
{
    return -1;
}

} // namespace civicdesk
