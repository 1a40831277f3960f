#include "ui/history/callbacklistview.h"

#include "models/itemmodels/callbacklistmodel.h"
#include "ui/history/readablecolumn.h"
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
    // The note takes the spare width; in a narrow dock who promised the callback goes first,
    // then the request's number and its type (the row's tooltip keeps them).
    ColumnFit fit;
    fit.flexible = CallbackListModel::Note;
    fit.flexibleMinimum = charactersWide(m_table, 16);
    fit.hideOrder = {CallbackListModel::ScheduledBy, CallbackListModel::Number,
                     CallbackListModel::Type};
    fit.widest = {{CallbackListModel::Type, charactersWide(m_table, 22)},
                  {CallbackListModel::Caller, charactersWide(m_table, 24)}};
    setUpRequestTable(this, m_caption, m_table, m_model, fit, CallbackListModel::RequestIdRole,
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
        m_table->setCurrentIndex(m_table->model()->index(0, 0));
}

} // namespace civicdesk
