#include "ui/sync/centrallookupdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPointer>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace civicdesk {

CentralLookupDialog::CentralLookupDialog(CentralLookup &lookup, QWidget *parent)
    : QDialog(parent), m_lookup(lookup), m_key(new QComboBox(this)), m_value(new QLineEdit(this)),
      m_note(new QLabel(this)), m_results(new QTreeWidget(this))
{
    setObjectName(QStringLiteral("centralLookupDialog"));
    setWindowTitle(tr("Find requests in the central store"));
    m_key->setObjectName(QStringLiteral("centralLookupKeyComboBox"));
    m_key->addItem(tr("Request number"), int(CentralLookup::Key::Number));
    m_key->addItem(tr("Phone"), int(CentralLookup::Key::Phone));
    m_key->addItem(tr("Street address"), int(CentralLookup::Key::Address));
    m_value->setObjectName(QStringLiteral("centralLookupValueLineEdit"));
    m_note->setObjectName(QStringLiteral("centralLookupNoteLabel"));
    m_note->setWordWrap(true);
    m_note->setTextFormat(Qt::PlainText);
    m_results->setObjectName(QStringLiteral("centralLookupResultsTreeWidget"));
    m_results->setRootIsDecorated(false);
    m_results->setHeaderLabels(
        {tr("Number"), tr("Type"), tr("Status"), tr("Address"), tr("Opened")});
    m_results->header()->setStretchLastSection(false);
    m_results->header()->setSectionResizeMode(3, QHeaderView::Stretch);
    auto *find = new QPushButton(tr("&Find"), this);
    find->setObjectName(QStringLiteral("centralLookupFindButton"));
    find->setDefault(true);
    auto *row = new QHBoxLayout;
    row->addWidget(m_key);
    row->addWidget(m_value, 1);
    row->addWidget(find);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(m_note);
    layout->addWidget(m_results, 1);
    layout->addWidget(buttons);
    connect(find, &QPushButton::clicked, this, &CentralLookupDialog::search);
    connect(m_value, &QLineEdit::returnPressed, this, &CentralLookupDialog::search);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(760, 420);
}

void CentralLookupDialog::search()
{
    const QString value = m_value->text().trimmed();
    if (value.isEmpty())
        return;
    m_note->setText(tr("Searching…"));
    QPointer<CentralLookupDialog> self(this);
    m_lookup.find(
        CentralLookup::Key(m_key->currentData().toInt()), value,
        [self](const CentralLookup::Answer &answer) {
            if (!self)
                return;
            self->m_results->clear();
            const QLocale locale;
            for (const CentralLookup::Row &r : answer.rows) {
                auto *item = new QTreeWidgetItem(
                    {r.number, r.typeName, r.status, r.address,
                     locale.toString(r.openedAt.toLocalTime(), QLocale::ShortFormat)});
                item->setToolTip(3, r.description);
                self->m_results->addTopLevelItem(item);
            }
            const QString count = answer.rows.size() == 1
                                      ? tr("1 request")
                                      : tr("%1 requests").arg(locale.toString(answer.rows.size()));
            self->m_note->setText(answer.central ? tr("%1 from the central store.").arg(count)
                                                 : count + u" · " + answer.note);
        });
}

} // namespace civicdesk
