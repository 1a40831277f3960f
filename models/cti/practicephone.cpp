#include "models/cti/practicephone.h"

namespace civicdesk {

PracticePhone::PracticePhone(const NumberingPlan &plan, QObject *parent)
    : TelephonyAdapter(CtiEndpoint(), plan, parent)
{
    // Always there: the desk shows the phone as connected (to nothing outside practice).
    setState(LinkState::Connected, QString());
}

QString PracticePhone::description() const
{
    return tr("the practice phone (no real line)");
}

void PracticePhone::ring(const QString &callId, const QString &number, const QString &language)
{
    CallOffer offer;
    offer.callId = callId;
    offer.caller = PhoneNumber::parse(number, plan());
    offer.dialledNumber = QStringLiteral("311");
    offer.queue = tr("practice");
    offer.language = language;
    reportOffered(offer);
}

void PracticePhone::answer(const QString &callId)
{
    reportAnswered(callId, now());
}

void PracticePhone::hangUp(const QString &callId)
{
    reportEnded({callId, CallEndCause::Normal, QString(), now()});
}

void PracticePhone::transfer(const QString &callId, const QString &target)
{
    reportEnded({callId, CallEndCause::Transferred, target, now()});
}

void PracticePhone::dial(const QString &)
{
    emit commandFailed(tr("The practice phone does not call out."));
}

void PracticePhone::received(QByteArray &buffer)
{
    buffer.clear(); // nothing ever arrives: there is no link
}

} // namespace civicdesk
