#pragma once

#include <QWidget>

class QLabel;
class QTableView;

namespace civicdesk {

class LayerListModel;
struct StoreContext;

// The map area until the interactive map lands: the city's layers with their feature counts and
// extents, and how many places and located requests the store holds.
class MapOverviewPanel : public QWidget
{
    Q_OBJECT

public:
    explicit MapOverviewPanel(StoreContext &store, QWidget *parent = nullptr);
    int layerCount() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    StoreContext &m_store;
    LayerListModel *m_model;
    QLabel *m_summary;
    QTableView *m_table;
};

} // namespace civicdesk
