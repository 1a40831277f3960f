#include "ui/intake/requestflow.h"

#include "models/city/cataloguerepository.h"
#include "ui/intake/callerbox.h"
#include "ui/intake/draftkeeper.h"
#include "ui/intake/focusfollower.h"
#include "ui/intake/knownissuebanner.h"
#include "ui/intake/locationbox.h"
#include "ui/intake/nearbywatcher.h"
#include "ui/intake/requestbox.h"
#include "ui/intake/requestform.h"
#include "ui/intake/requestsubmitter.h"
#include "ui/intake/typepicker.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>

namespace civicdesk {

RequestFlow::RequestFlow(const CatalogueRepository &catalogue, IntakeSession &session,
                         Widgets widgets, FocusFollower &follower, NearbyWatcher &nearby,
                         DraftKeeper &drafts, QObject *parent)
    : QObject(parent), m_catalogue(catalogue), m_session(session), m_w(widgets),
      m_follower(follower), m_nearby(nearby), m_drafts(drafts)
{
    connect(&m_w.types, &TypePicker::typeActivated, this, &RequestFlow::chooseCurrentType);
    RequestForm *form = m_w.request.form();
    connect(form, &RequestForm::answersChanged, this, [this, form] {
        m_session.setAnswers(form->answers());
        m_drafts.schedule();
    });
    QPlainTextEdit *description = m_w.request.descriptionEdit();
    connect(description, &QPlainTextEdit::textChanged, this, [this, description] {
        m_session.setDescription(description->toPlainText());
        m_drafts.schedule();
    });
    LocationBox *location = m_w.request.locationBox();
    connect(location, &LocationBox::locationChanged, this, [this, location] {
        m_follower.ensureVisible(location);
        m_session.setLocation(location->location(), location->isOutsideCity());
        m_nearby.refresh();
        m_drafts.schedule();
    });
    connect(location, &LocationBox::referralShown, this, [this, location] {
        m_session.referralShown(location->addressEdit()->text(), location->referralName());
    });
}

void RequestFlow::chooseCurrentType()
{
    if (const auto type = m_catalogue.serviceType(m_w.types.currentCode())) {
        setType(*type);
        m_drafts.schedule();
    }
}

void RequestFlow::setType(const ServiceType &type)
{
    copyFormToSession(m_w.request, m_session); // the answers given before stay in the record
    m_session.setType(type);
    showType(type);
}

void RequestFlow::showType(const ServiceType &type)
{
    m_w.result.hide();
    m_w.message.clear();
    m_w.request.show();
    m_w.request.showType(type);
    for (QComboBox *combo : m_w.request.form()->findChildren<QComboBox *>())
        m_follower.guardWheel(combo);
    m_w.types.selectType(type.code);
    m_w.types.setCollapsed(true);
    emit formChanged();
    for (QLineEdit *edit : {m_w.caller.phoneEdit(), m_w.caller.nameEdit(), m_w.caller.emailEdit()})
        edit->setEnabled(type.contactRule != ContactRule::Never);
    if (type.emergency) {
        // The call goes to 911 (the session suggested the transfer): the script is read now.
        m_w.request.emergencyLabel()->setFocus(Qt::OtherFocusReason);
        return;
    }
    if (QWidget *first = m_w.request.form()->firstField())
        first->setFocus(Qt::OtherFocusReason);
    else
        m_w.request.descriptionEdit()->setFocus(Qt::OtherFocusReason);
    m_nearby.refresh();
}

void RequestFlow::setPickedLocation(const IntakeLocation &where)
{
    LocationBox *location = m_w.request.locationBox();
    location->setLocation(where);
    m_session.setLocation(location->location(), location->isOutsideCity());
    m_nearby.refresh();
    m_drafts.schedule();
}

void RequestFlow::reset()
{
    m_session.resetRequest();
    m_w.request.clear();
    m_w.knownIssue.clear();
    m_w.request.hide();
    m_w.types.clearSearch();
    m_w.types.setCollapsed(false);
    m_w.types.searchEdit()->setFocus(Qt::OtherFocusReason);
    m_drafts.schedule();
}

} // namespace civicdesk
