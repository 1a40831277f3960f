#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;

namespace civicdesk {

// The central store this workstation syncs with; empty = standalone (the demo default).
class SyncSettingsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SyncSettingsDialog(const QString &serverUrl, QWidget *parent = nullptr);
    QString serverUrl() const;

private:
    void validate();

    QLineEdit *m_url;
    QLabel *m_message;
};

} // namespace civicdesk
