#pragma once

#include "models/cti/telephonyadapter.h"

namespace civicdesk {

// The phone of a practice run: it rings with a scenario's caller, and answers, hangs up and
// transfers at the desk's command at once. It has no link at all — no endpoint, no socket, no
// network, no phone system — so a practice call can never reach or come from a real phone; the
// desk pops it through the same CallController and screen pop as a live call, so a trainee
// learns the pop and the Answer key on it.
class PracticePhone : public TelephonyAdapter
{
    Q_OBJECT

public:
    explicit PracticePhone(const NumberingPlan &plan, QObject *parent = nullptr);

    QString description() const override;
    // The phone rings: `number` as a phone system gives it ("617-555-0142"; "anonymous" when
    // withheld, "" when no number comes), `language` the caller's ("en", "es").
    void ring(const QString &callId, const QString &number, const QString &language);

    void answer(const QString &callId) override;
    void hangUp(const QString &callId) override;
    void transfer(const QString &callId, const QString &target) override;
    void dial(const QString &number) override;

protected:
    void received(QByteArray &buffer) override;
};

} // namespace civicdesk
