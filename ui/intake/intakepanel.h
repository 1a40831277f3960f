#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QListView;
class QSortFilterProxyModel;
class QTextBrowser;

namespace civicdesk {

class CatalogueRepository;
class ServiceTypeModel;

// The intake area: find the request type the caller needs (type to filter by name, group or
// keyword; arrow keys and Enter) and see what it asks, its department and its SLA.
class IntakePanel : public QWidget
{
    Q_OBJECT

public:
    explicit IntakePanel(const CatalogueRepository &catalogue, QWidget *parent = nullptr);

    void focusSearch();
    int visibleTypeCount() const;
    QString currentTypeCode() const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void showType(const QModelIndex &proxyIndex);

    const CatalogueRepository &m_catalogue;
    ServiceTypeModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QLabel *m_searchLabel;
    QLineEdit *m_search;
    QListView *m_list;
    QTextBrowser *m_detail;
};

} // namespace civicdesk
