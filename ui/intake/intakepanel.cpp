#include "intake/intakepanel.h"

#include "itemmodels/servicetypemodel.h"
#include "storage/cataloguerepository.h"

#include <QEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace civicdesk {

IntakePanel::IntakePanel(const CatalogueRepository &catalogue, QWidget *parent)
    : QWidget(parent), m_catalogue(catalogue), m_model(new ServiceTypeModel(catalogue, this)),
      m_proxy(new QSortFilterProxyModel(this)), m_searchLabel(new QLabel(this)),
      m_search(new QLineEdit(this)), m_list(new QListView(this)), m_detail(new QTextBrowser(this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterRole(ServiceTypeModel::SearchTextRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);

    m_search->setObjectName(QStringLiteral("typeSearchLineEdit"));
    m_search->setClearButtonEnabled(true);
    m_searchLabel->setBuddy(m_search);
    m_list->setObjectName(QStringLiteral("typeListView"));
    m_list->setModel(m_proxy);
    m_list->setUniformItemSizes(true);
    m_detail->setObjectName(QStringLiteral("typeDetailBrowser"));
    m_detail->setOpenLinks(false);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_list);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_searchLabel);
    layout->addWidget(m_search);
    layout->addWidget(splitter, 1);
    setTabOrder(m_search, m_list);
    setTabOrder(m_list, m_detail);

    m_search->installEventFilter(this);
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setFilterFixedString(text.trimmed());
        if (m_proxy->rowCount() > 0)
            m_list->setCurrentIndex(m_proxy->index(0, 0));
    });
    connect(m_search, &QLineEdit::returnPressed, this,
            [this] { showType(m_list->currentIndex()); });
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) { showType(current); });
    connect(m_list, &QListView::activated, this, &IntakePanel::showType);
    retranslate();
    if (m_proxy->rowCount() > 0)
        m_list->setCurrentIndex(m_proxy->index(0, 0));
}

void IntakePanel::retranslate()
{
    m_searchLabel->setText(tr("Request &type:"));
    m_search->setPlaceholderText(tr("Type a name or keyword, e.g. pothole, trash, rodent"));
    m_search->setAccessibleName(tr("Search request types"));
    m_list->setAccessibleName(tr("Request types"));
    m_detail->setAccessibleName(tr("Request type details"));
    showType(m_list->currentIndex());
}

void IntakePanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void IntakePanel::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

int IntakePanel::visibleTypeCount() const
{
    return m_proxy->rowCount();
}

QString IntakePanel::currentTypeCode() const
{
    return m_list->currentIndex().data(ServiceTypeModel::CodeRole).toString();
}

bool IntakePanel::eventFilter(QObject *watched, QEvent *event)
{
    // Up/Down in the search field move through the list, so the agent never leaves the keys.
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Down || key == Qt::Key_Up || key == Qt::Key_PageDown ||
            key == Qt::Key_PageUp) {
            const int rows = m_proxy->rowCount();
            if (rows == 0)
                return true;
            const int step = key == Qt::Key_Down       ? 1
                             : key == Qt::Key_Up       ? -1
                             : key == Qt::Key_PageDown ? 10
                                                       : -10;
            const int row = std::clamp(m_list->currentIndex().row() + step, 0, rows - 1);
            m_list->setCurrentIndex(m_proxy->index(row, 0));
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void IntakePanel::showType(const QModelIndex &proxyIndex)
{
    if (!proxyIndex.isValid()) {
        m_detail->setHtml(tr("<p>No request type matches. Try another word, or pick "
                             "<i>General request</i>.</p>"));
        return;
    }
    const QString code = proxyIndex.data(ServiceTypeModel::CodeRole).toString();
    const auto type = m_catalogue.serviceType(code);
    if (!type)
        return;
    QString html = u"<h3>" + type->name.toHtmlEscaped() + u"</h3><p>" +
                   type->description.toHtmlEscaped() + u"</p><p><b>" + tr("Code:") + u"</b> " +
                   type->code.toHtmlEscaped() + u" &nbsp; <b>" + tr("Group:") + u"</b> " +
                   type->group.toHtmlEscaped() + u"<br><b>" + tr("Department:") + u"</b> ";
    const auto department = m_catalogue.department(type->departmentCode);
    html += department ? department->name.toHtmlEscaped() : tr("not assigned");
    html += u"<br><b>" + tr("Service level:") + u"</b> " + ServiceTypeModel::slaText(type->sla);
    if (type->sla && type->sla->source == u"history")
        html += u' ' + tr("(from the city's past target dates)");
    if (!type->keywords.isEmpty())
        html += u"<br><b>" + tr("Keywords:") + u"</b> " + type->keywords.toHtmlEscaped();
    html += u"</p>";
    if (type->attributes.isEmpty()) {
        html += u"<p><i>" + tr("This type asks no questions beyond location and description.") +
                u"</i></p>";
    } else {
        html += u"<h4>" + tr("Questions") + u"</h4><ol>";
        for (const ServiceAttribute &a : type->attributes) {
            if (!a.variable) {
                html +=
                    u"<li><i>" + tr("Say:") + u" " + a.description.toHtmlEscaped() + u"</i></li>";
                continue;
            }
            html += u"<li>" + a.description.toHtmlEscaped();
            if (a.required)
                html += u" <b>(" + tr("required") + u")</b>";
            if (a.isList()) {
                QStringList names;
                for (const AttributeValue &v : a.values)
                    names.append(v.name.toHtmlEscaped());
                html += u"<br><small>" + names.join(QStringLiteral(" · ")) + u"</small>";
            }
            html += u"</li>";
        }
        html += u"</ol>";
    }
    m_detail->setHtml(html);
}

} // namespace civicdesk
