#pragma once

#include "models/domain/clock.h"
#include "models/domain/servicenames.h"
#include "models/requests/statusreadback.h"

#include <QDateTime>
#include <QTimeZone>
#include <QWidget>
#include <functional>

class QLabel;
class QLineEdit;
class QPushButton;

namespace civicdesk {

// "What happened to my request?": the agent types the number the caller reads out and presses
// Enter; the status, the expected date and the latest public note appear as sentences to read
// back. A mistyped workstation number is caught by its check symbol and the agent is told why.
class StatusReadbackBox : public QWidget
{
    Q_OBJECT

public:
    StatusReadbackBox(const StatusReadback &readback, const QTimeZone &cityZone,
                      QWidget *parent = nullptr);

    void focusNumber();
    // Empty again, for the next caller.
    void clear();
    void setClock(Clock clock) { m_clock = std::move(clock); }
    // The type is read back as the window's language names it.
    void setTypeNames(ServiceNames names) { m_names = std::move(names); }
    QString resultText() const;
    // The sentences for one request (what the result label shows).
    QString phrase(const ReadBack &found) const;

signals:
    void requestFound(const QString &requestId);
    void detailRequested(const QString &requestId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void lookUp();
    // A city case id has no check symbol: the caller's address or date confirms it first.
    void confirm();
    void showFound(const ReadBack &found);
    QString date(const QDateTime &time) const;

    const StatusReadback &m_readback;
    QTimeZone m_zone;
    Clock m_clock;
    ServiceNames m_names;
    QString m_foundId;
    QLabel *m_label;
    QLineEdit *m_number;
    QPushButton *m_details;
    QLabel *m_result;
    QLabel *m_confirmLabel;
    QLineEdit *m_confirm;
    std::optional<ReadBack> m_pending;
};

} // namespace civicdesk
