#include "ui/intake/requestbox.h"

#include "models/domain/requestnumber.h"
#include "ui/intake/locationbox.h"
#include "ui/intake/requestform.h"
#include "ui_requestbox.h"

#include <QEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>

namespace civicdesk {

RequestBox::RequestBox(const AddressIndex &addresses, const DistrictLocator &districts,
                       QWidget *parent)
    : QFrame(parent), m_ui(std::make_unique<Ui::RequestBox>())
{
    m_ui->setupUi(this);
    m_location = new LocationBox(addresses, districts, this);
    m_ui->locationLayout->addWidget(m_location);
    m_ui->locationLabel->setBuddy(m_location->addressEdit());
    QPlainTextEdit *description = m_ui->descriptionTextEdit;
    description->setFixedHeight(description->fontMetrics().height() * 3 + 12);
    QListWidget *candidates = m_ui->duplicateListWidget;
    candidates->setMaximumHeight(candidates->fontMetrics().height() * 5 + 8);
    candidates->hide();
    m_ui->attachDuplicateButton->hide();
    m_ui->emergencyLabel->hide();
    m_ui->sensitiveLabel->hide();
    retranslate();
}

RequestBox::~RequestBox() = default;

RequestForm *RequestBox::form() const
{
    return m_ui->requestForm;
}

QPlainTextEdit *RequestBox::descriptionEdit() const
{
    return m_ui->descriptionTextEdit;
}

LocationBox *RequestBox::locationBox() const
{
    return m_location;
}

QLabel *RequestBox::emergencyLabel() const
{
    return m_ui->emergencyLabel;
}

QListWidget *RequestBox::duplicateList() const
{
    return m_ui->duplicateListWidget;
}

QPushButton *RequestBox::attachButton() const
{
    return m_ui->attachDuplicateButton;
}

QPushButton *RequestBox::submitButton() const
{
    return m_ui->submitRequestButton;
}

void RequestBox::showType(const ServiceType &type)
{
    m_type = type;
    m_ui->requestForm->setType(type);
    m_ui->emergencyLabel->setVisible(type.emergency);
    m_ui->sensitiveLabel->setVisible(type.contactRule == ContactRule::Never);
    for (QWidget *w :
         {static_cast<QWidget *>(m_ui->requestForm),
          static_cast<QWidget *>(m_ui->descriptionTextEdit), static_cast<QWidget *>(m_location),
          static_cast<QWidget *>(m_ui->submitRequestButton)})
        w->setEnabled(!type.emergency);
    retranslate();
}

void RequestBox::showDuplicates(const QList<ServiceRequest> &candidates, const QDateTime &now,
                                bool placed)
{
    QListWidget *list = m_ui->duplicateListWidget;
    list->clear();
    m_placed = placed;
    for (const ServiceRequest &r : candidates) {
        const qint64 days = r.openedAt.daysTo(now);
        auto *item = new QListWidgetItem(
            tr("%1 · %2 · opened %n day(s) ago · %3", nullptr, int(days))
                .arg(RequestNumber::published(r.number),
                     r.status == RequestStatus::Open ? tr("open") : tr("in progress"), r.address),
            list);
        item->setData(Qt::UserRole, r.id);
        item->setData(Qt::UserRole + 1, RequestNumber::published(r.number));
    }
    list->setVisible(list->count() > 0);
    m_ui->attachDuplicateButton->setVisible(list->count() > 0);
    if (list->count() > 0)
        list->setCurrentRow(0);
    updateDuplicatesLabel();
}

int RequestBox::duplicateCount() const
{
    return m_ui->duplicateListWidget->count();
}

QStringList RequestBox::duplicateLines() const
{
    QStringList lines;
    for (int i = 0; i < m_ui->duplicateListWidget->count(); ++i)
        lines.append(m_ui->duplicateListWidget->item(i)->text());
    return lines;
}

QString RequestBox::currentDuplicateNumber() const
{
    const QListWidget *list = m_ui->duplicateListWidget;
    const QListWidgetItem *item = list->currentItem() ? list->currentItem() : list->item(0);
    return item ? item->data(Qt::UserRole + 1).toString() : QString();
}

void RequestBox::clear()
{
    m_type.reset();
    m_ui->requestForm->clear();
    m_ui->descriptionTextEdit->clear();
    m_location->clear();
    showDuplicates({}, QDateTime(), false);
}

QList<QWidget *> RequestBox::focusChain() const
{
    QList<QWidget *> chain = {m_ui->emergencyLabel};
    chain.append(m_ui->requestForm->focusChain());
    chain << m_ui->descriptionTextEdit;
    chain.append(m_location->focusChain());
    chain << m_ui->duplicateListWidget << m_ui->attachDuplicateButton << m_ui->submitRequestButton;
    return chain;
}

void RequestBox::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        retranslate();
    }
    QFrame::changeEvent(event);
}

void RequestBox::retranslate()
{
    if (m_type) {
        m_ui->emergencyLabel->setText(
            tr("EMERGENCY — do not take a request. %1").arg(m_type->emergencyScript));
        m_ui->sensitiveLabel->setText(
            tr("Confidential type: do not take the caller's name, phone or email. Nothing "
               "identifying the caller is stored with this request."));
    }
    updateDuplicatesLabel();
}

void RequestBox::updateDuplicatesLabel()
{
    const int count = m_ui->duplicateListWidget->count();
    if (!m_placed)
        m_ui->duplicatesLabel->setText(
            tr("Open requests of this type nearby: shown once the address is chosen"));
    else if (count == 0)
        m_ui->duplicatesLabel->setText(tr("Open requests of this type nearby: none"));
    else
        m_ui->duplicatesLabel->setText(tr("Open requests of this type nearby (%n) — the caller "
                                          "may be reporting one of these:",
                                          nullptr, count));
}

} // namespace civicdesk
