#pragma once

#include "models/cti/ctiendpoint.h"
#include "models/cti/ctiprobe.h"

#include <QDialog>
#include <QPointer>
#include <optional>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;

namespace civicdesk {

class TelephonyAdapter;

// File ▸ Phone settings (Ctrl+Alt+O): which phone the desk listens to — none, the agent's
// baresip softphone (its ctrl_tcp host and port), or a call-event bridge on a loopback port or
// a local socket file — and the area code a 7-digit caller number is in. "Test connection"
// tries the link and says what happened; OK checks every field first and stays open, the
// wrong field focused and the fix said, until they are right. Saving is the caller's
// (Workspace), which reconnects with the new settings.
class TelephonySettingsDialog : public QDialog
{
    Q_OBJECT

public:
    // `spec` and `areaCode` as saved; `live` is the desk's adapter (null without a phone).
    TelephonySettingsDialog(const QString &spec, const QString &areaCode, TelephonyAdapter *live,
                            QWidget *parent = nullptr);

    // Once accepted: the endpoint ("none", "baresip:127.0.0.1:4444", "socket:/run/…") and
    // the area code.
    QString spec() const;
    QString areaCode() const;
    // What the dialog says now (a test's outcome, a field to fix), "" when nothing.
    QString message() const;

private:
    enum Kind
    {
        NoPhone,
        Baresip,
        BridgePort,
        BridgeFile
    };
    void fill(const CtiEndpoint &endpoint);
    void kindChosen();
    void showRows();
    // The endpoint the fields give, or the first wrong field focused and what to do said.
    std::optional<CtiEndpoint> checked();
    void test();
    void probed(CtiProbe::Outcome outcome, const QString &message);
    void validate();
    void say(const QString &text, bool problem);

    QComboBox *m_kind;
    QLineEdit *m_host;
    QLineEdit *m_port;
    QLineEdit *m_path;
    QLineEdit *m_areaCode;
    QFormLayout *m_form;
    QLabel *m_message;
    QPushButton *m_test;
    CtiProbe *m_probe;
    QPointer<TelephonyAdapter> m_live;
    CtiEndpoint m_endpoint;
};

} // namespace civicdesk
