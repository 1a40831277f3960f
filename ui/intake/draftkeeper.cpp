#include "ui/intake/draftkeeper.h"

#include "models/intake/intakesession.h"
#include "ui/intake/requestsubmitter.h"

#include <QTimer>

namespace civicdesk {

DraftKeeper::DraftKeeper(IntakeSession &session, const RequestBox &request, QObject *parent)
    : QObject(parent), m_session(session), m_request(request), m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    m_timer->setInterval(300);
    connect(m_timer, &QTimer::timeout, this, &DraftKeeper::saveNow);
}

void DraftKeeper::schedule()
{
    m_timer->start();
}

void DraftKeeper::cancel()
{
    m_timer->stop();
}

void DraftKeeper::saveNow()
{
    m_timer->stop();
    copyFormToSession(m_request, m_session);
    if (const Status saved = m_session.saveDraft(); !saved)
        emit problem(tr("Your work could not be saved as a draft: %1").arg(saved.error().message));
}

void DraftKeeper::discard()
{
    m_timer->stop();
    if (const Status s = m_session.discardDraft(); !s)
        emit problem(s.error().message);
}

} // namespace civicdesk
