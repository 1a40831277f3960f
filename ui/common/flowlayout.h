#pragma once

#include <QLayout>
#include <QList>

namespace civicdesk {

// A row of items that wraps onto the next line when the window is too narrow for it, as text
// does: a filter row stays whole in a long translation instead of cutting its fields or widening
// the window past the screen. Items keep their size hint (never squeezed below it); each line is
// as tall as its tallest item, left-aligned.
class FlowLayout : public QLayout
{
public:
    explicit FlowLayout(QWidget *parent = nullptr, int spacing = -1);
    ~FlowLayout() override;

    void addItem(QLayoutItem *item) override;
    int count() const override;
    QLayoutItem *itemAt(int index) const override;
    QLayoutItem *takeAt(int index) override;

    Qt::Orientations expandingDirections() const override;
    bool hasHeightForWidth() const override;
    int heightForWidth(int width) const override;
    QSize minimumSize() const override;
    QSize sizeHint() const override;
    void setGeometry(const QRect &rect) override;

private:
    int spacingBetween() const;
    // Lays the items out in `rect` (or only measures when `apply` is false); the height used.
    int arrange(const QRect &rect, bool apply) const;

    QList<QLayoutItem *> m_items;
    int m_spacing;
};

} // namespace civicdesk
