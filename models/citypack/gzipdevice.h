#pragma once

#include <QIODevice>
#include <memory>

namespace civicdesk {

// A read-only, sequential QIODevice that inflates a gzip stream from another device as it is
// read, so large compressed pack files never have to be in memory whole.
class GzipDevice : public QIODevice
{
    Q_OBJECT

public:
    explicit GzipDevice(QIODevice *source, QObject *parent = nullptr);
    ~GzipDevice() override;

    bool open(OpenMode mode) override;
    void close() override;
    bool isSequential() const override { return true; }
    bool atEnd() const override;

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *data, qint64 maxSize) override;

private:
    struct State;
    QIODevice *m_source;
    std::unique_ptr<State> m_state;
};

} // namespace civicdesk
