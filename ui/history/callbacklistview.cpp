#include "ui/history/callbacklistview.h"

#include "models/itemmodels/callbacklistmodel.h"
#include "ui/history/requesttable.h"

#include <QEvent>
#include <QLabel>
#include <QTableView>

namespace civicdesk {

CallbackListView::CallbackListView(const QTimeZone &cityZone, QWidget *parent)
    : QWidget(parent), m_model(new CallbackListModel(this)), m_caption(new QLabel(this)),
      m_table(new QTableView(this))
{
    setObjectName(QStringLiteral("callbacksView"));
    m_caption->setObjectName(QStringLiteral("callbacksLabel"));
    m_table->setObjectName(QStringLiteral("callbacksTableView"));
    m_model->setDisplayTimeZone(cityZone);
    m_table->setModel(m_model);
    setUpRequestTable(this, m_caption, m_table, CallbackListModel::Note,
                      CallbackListModel::RequestIdRole,
                      [this](const QString &id) { emit requestActivated(id); });
    retranslate();
}

void CallbackListView::retranslate()
{
    m_caption->setText(m_model->rowCount() == 0
                           ? tr("No callbacks waiting. Schedule one from a request's detail.")
                           : tr("Callbacks waiting, the earliest due first: %1 overdue or due "
                                "within %2 minutes.")
                                 .arg(m_model->dueCount())
                                 .arg(CallbackEntry::DueSoonMinutes));
    m_table->setAccessibleName(tr("Callbacks"));
}

void CallbackListView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void CallbackListView::setEntries(QList<CallbackEntry> entries)
{
    m_model->setEntries(std::move(entries));
    retranslate();
    if (m_model->rowCount() > 0)
        m_table->setCurrentIndex(m_model->index(0, 0));
}

} // namespace civicdesk
