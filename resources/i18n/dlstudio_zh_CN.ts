<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AppState</name>
    <message>
        <location filename="../../dlstudio/ui/state.py" line="116"/>
        <source>Choose a label column: it holds what the network should predict.</source>
        <translation>请选择一个标签列：它是网络要预测的内容。</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <location filename="../../dlstudio/ui/banner.py" line="19"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/banner.py" line="19"/>
        <source>Data problem</source>
        <translation>数据问题</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/banner.py" line="20"/>
        <source>Model problem</source>
        <translation>模型问题</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/banner.py" line="20"/>
        <source>File problem</source>
        <translation>文件问题</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/banner.py" line="21"/>
        <source>Training problem</source>
        <translation>训练问题</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/banner.py" line="21"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/banner.py" line="42"/>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/banner.py" line="64"/>
        <source>&lt;b&gt;Unexpected error:&lt;/b&gt; </source>
        <translation>&lt;b&gt;意外错误：&lt;/b&gt; </translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/banner.py" line="65"/>
        <source>&lt;br&gt;It was logged. Your data and model are unchanged.</source>
        <translation>&lt;br&gt;已记录到日志。你的数据和模型没有改变。</translation>
    </message>
</context>
<context>
    <name>ClassTable</name>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_metrics.py" line="148"/>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_metrics.py" line="148"/>
        <source>Precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_metrics.py" line="148"/>
        <source>Recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_metrics.py" line="149"/>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_metrics.py" line="154"/>
        <source>Of the rows predicted as this class, the share that are</source>
        <translation>预测为该类的行中，确实属于该类的比例</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_metrics.py" line="156"/>
        <source>Of the rows of this class, the share found</source>
        <translation>属于该类的行中，被正确找出的比例</translation>
    </message>
</context>
<context>
    <name>ClosePrompt</name>
    <message>
        <location filename="../../dlstudio/ui/close_prompt.py" line="19"/>
        <source>Training is running</source>
        <translation>正在训练</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/close_prompt.py" line="20"/>
        <source>Stop training and close DL Studio? What this run has learned is not saved.</source>
        <translation>停止训练并关闭 DL Studio？本次训练学到的内容尚未保存。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/close_prompt.py" line="21"/>
        <source>Stop training and close DL Studio? Neither this run nor the model trained before it is saved.</source>
        <translation>停止训练并关闭 DL Studio？本次训练和之前训练的模型都尚未保存。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/close_prompt.py" line="27"/>
        <source>Save the model?</source>
        <translation>保存模型？</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/close_prompt.py" line="28"/>
        <source>The model trained here is not saved. Save it before closing?</source>
        <translation>在这里训练的模型尚未保存。关闭前要保存吗？</translation>
    </message>
</context>
<context>
    <name>ColumnsModel</name>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_columns.py" line="70"/>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_columns.py" line="70"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_columns.py" line="70"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_columns.py" line="70"/>
        <source>Missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_columns.py" line="71"/>
        <source>Unique</source>
        <translation>唯一值</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_columns.py" line="71"/>
        <source>Mean</source>
        <translation>均值</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_columns.py" line="71"/>
        <source>Std</source>
        <translation>标准差</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_columns.py" line="71"/>
        <source>Min</source>
        <translation>最小值</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_columns.py" line="71"/>
        <source>Max</source>
        <translation>最大值</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_columns.py" line="72"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_columns.py" line="100"/>
        <source>Distinct values; ≈ marks a count estimated from a sample of a large file</source>
        <translation>不同取值的个数；≈ 表示根据大文件的抽样估计</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_columns.py" line="133"/>
        <source>Estimated from a sample of the rows</source>
        <translation>根据部分行的抽样估计</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_columns.py" line="137"/>
        <source>%s · stored as %s</source>
        <translation>%s · 存储类型 %s</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_columns.py" line="174"/>
        <source>what the network predicts</source>
        <translation>网络要预测的内容</translation>
    </message>
</context>
<context>
    <name>ConfusionMatrixView</name>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_confusion.py" line="89"/>
        <source>No confusion matrix yet</source>
        <translation>还没有混淆矩阵</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_confusion.py" line="136"/>
        <source>Predicted class</source>
        <translation>预测类别</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_confusion.py" line="141"/>
        <source>True class</source>
        <translation>真实类别</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_confusion.py" line="151"/>
        <source>True %s, predicted %s: %d row(s)</source>
        <translation>真实为 %s，预测为 %s：%d 行</translation>
    </message>
</context>
<context>
    <name>CoreWords</name>
    <message>
        <location filename="../../dlstudio/ui/core_words.py" line="16"/>
        <source>Finished %s epoch(s).</source>
        <translation>已完成 %s 轮。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/core_words.py" line="17"/>
        <source>The best epoch (%s) is kept.</source>
        <translation>保留最好的一轮（第 %s 轮）。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/core_words.py" line="18"/>
        <source>The weights this run started from are kept: none of its epochs had a lower validation loss.</source>
        <translation>保留本次训练开始时的权重：没有任何一轮的验证损失更低。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/core_words.py" line="21"/>
        <source>No better validation loss for %s epochs; the best epoch (%s) is kept.</source>
        <translation>连续 %s 轮验证损失没有改善；保留最好的一轮（第 %s 轮）。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/core_words.py" line="23"/>
        <source>No better validation loss for %s epochs; the weights this run started from are kept: none of its epochs had a lower validation loss.</source>
        <translation>连续 %s 轮验证损失没有改善；保留本次训练开始时的权重：没有任何一轮的验证损失更低。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/core_words.py" line="26"/>
        <source>Stopped by you after %s batches; the model keeps the weights trained so far.</source>
        <translation>你在 %s 个批次后停止了训练；模型保留目前训练得到的权重。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/core_words.py" line="28"/>
        <source>Stopped by you in epoch %s, after %s of its %s batches; the model keeps the weights trained so far.</source>
        <translation>你在第 %s 轮的 %s / %s 个批次后停止了训练；模型保留目前训练得到的权重。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/core_words.py" line="30"/>
        <source>1 output for 2 classes (the score of &apos;%s&apos;)</source>
        <translation>2 个类别对应 1 个输出（“%s”的得分）</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/core_words.py" line="31"/>
        <source>%s outputs for %s classes</source>
        <translation>%s 个输出对应 %s 个类别</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/core_words.py" line="32"/>
        <source>1 output for regression of 1 column</source>
        <translation>1 个输出，对 1 列做回归</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/core_words.py" line="33"/>
        <source>%s outputs for regression of %s columns</source>
        <translation>%s 个输出，对 %s 列做回归</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/core_words.py" line="35"/>
        <source>%s row(s) had missing numbers, filled with the training mean.</source>
        <translation>%s 行有缺失的数值，已用训练集的均值填补。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/core_words.py" line="37"/>
        <source>The training split has %s rows, fewer than one batch of %s.</source>
        <translation>训练集有 %s 行，不足一个大小为 %s 的批次。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/core_words.py" line="39"/>
        <source>Choose a batch size of at most %s, or lower the validation split.</source>
        <translation>请选择不超过 %s 的批大小，或降低验证集比例。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/core_words.py" line="41"/>
        <source>every value is missing</source>
        <translation>全部缺失</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/core_words.py" line="42"/>
        <source>one value only (%s)</source>
        <translation>只有一个值（%s）</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/core_words.py" line="45"/>
        <source>numbers written with signs around them (&apos;%s&apos;), read as text; write them as plain numbers (12 for 12%%) to use them</source>
        <translation>数字带有符号（&apos;%s&apos;），被读作文本；写成纯数字（12%% 写作 12）即可使用</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/core_words.py" line="48"/>
        <source>whole numbers longer than 64 bits (an ID?)</source>
        <translation>超过 64 位的整数（编号？）</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/core_words.py" line="50"/>
        <source>mostly numbers, but &apos;%s&apos; (data row %s) is not a number; fix or blank such cells to use it</source>
        <translation>大多是数字，但 &apos;%s&apos;（第 %s 行数据）不是数字；修正或清空这类单元格即可使用</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/core_words.py" line="53"/>
        <source>every value is different (an ID or free text)</source>
        <translation>每个值都不同（编号或自由文本）</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/core_words.py" line="55"/>
        <source>every value is different (a row number or ID)</source>
        <translation>每个值都不同（行号或编号）</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/core_words.py" line="57"/>
        <source>%s different text values (an ID or free text)</source>
        <translation>%s 个不同的文本值（编号或自由文本）</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/core_words.py" line="59"/>
        <source>%s categories is too many to one-hot encode</source>
        <translation>%s 个类别，太多，无法独热编码</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/core_words.py" line="61"/>
        <source>holds %s, past float32&apos;s ±3.4e38 (the network&apos;s numbers)</source>
        <translation>含有 %s，超出 float32 的 ±3.4e38（网络使用的数字）</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/core_words.py" line="63"/>
        <source>dates: days since 1970-01-01 when chosen as a feature</source>
        <translation>日期：选作特征时读作自 1970-01-01 起的天数</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/core_words.py" line="66"/>
        <source>Decimal commas detected (1,5 = 1.5); numbers were read accordingly.</source>
        <translation>检测到小数逗号（1,5 = 1.5），数字已按此读取。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/core_words.py" line="68"/>
        <source>Thousands separators (&apos;%s&apos;) detected and removed from numbers.</source>
        <translation>检测到千位分隔符（&apos;%s&apos;），已从数字中去掉。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/core_words.py" line="69"/>
        <source>Delimiter detected: semicolon.</source>
        <translation>检测到分隔符：分号。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/core_words.py" line="70"/>
        <source>Delimiter detected: tab.</source>
        <translation>检测到分隔符：制表符。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/core_words.py" line="71"/>
        <source>Delimiter detected: pipe.</source>
        <translation>检测到分隔符：竖线。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/core_words.py" line="74"/>
        <source>The data rows end with one more (empty) field than the header has; that empty last field was ignored (a trailing delimiter?).</source>
        <translation>数据行比表头多一个（空）字段；这个空的末尾字段已被忽略（行尾多了分隔符？）。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/core_words.py" line="77"/>
        <source>Dropped %s empty unnamed column(s) (a trailing delimiter?).</source>
        <translation>舍弃了 %s 个空的未命名列（行尾多了分隔符？）。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/core_words.py" line="78"/>
        <source>Column(s) %s hold no values.</source>
        <translation>列 %s 没有任何值。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/core_words.py" line="81"/>
        <source>The file parsed to a single column. If it should have more, check its delimiter (comma, semicolon, tab or pipe are recognised).</source>
        <translation>文件只解析出一列。如果应该有更多列，请检查分隔符（可识别逗号、分号、制表符和竖线）。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/core_words.py" line="84"/>
        <source>Dropped %s row(s) with no label value.</source>
        <translation>舍弃了 %s 行没有标签值的数据。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/core_words.py" line="86"/>
        <source>Dropped %s row(s) with missing feature values.</source>
        <translation>舍弃了 %s 行有缺失特征值的数据。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/core_words.py" line="88"/>
        <source>regression → MSELoss (mean squared error of the numbers)</source>
        <translation>回归 → MSELoss（数值的均方误差）</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/core_words.py" line="90"/>
        <source>binary → BCEWithLogitsLoss (one raw score, sigmoid inside the loss)</source>
        <translation>二分类 → BCEWithLogitsLoss（一个原始得分，sigmoid 在损失函数内部）</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/core_words.py" line="92"/>
        <source>multi-class → CrossEntropyLoss (one raw score per class, softmax inside the loss)</source>
        <translation>多分类 → CrossEntropyLoss（每个类别一个原始得分，softmax 在损失函数内部）</translation>
    </message>
</context>
<context>
    <name>DataColumns</name>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_columns.py" line="38"/>
        <source>Feature</source>
        <translation>特征</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_columns.py" line="39"/>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_columns.py" line="40"/>
        <source>Ignored</source>
        <translation>忽略</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_columns.py" line="44"/>
        <source>number</source>
        <translation>数值</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_columns.py" line="45"/>
        <source>category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_columns.py" line="46"/>
        <source>date/time</source>
        <translation>日期/时间</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_columns.py" line="47"/>
        <source>ID-like</source>
        <translation>类似 ID</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_columns.py" line="48"/>
        <source>constant</source>
        <translation>常量</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_columns.py" line="49"/>
        <source>empty</source>
        <translation>空</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_columns.py" line="50"/>
        <source>mixed</source>
        <translation>混合</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_columns.py" line="51"/>
        <source>too large</source>
        <translation>数值过大</translation>
    </message>
</context>
<context>
    <name>DataFrameModel</name>
    <message>
        <location filename="../../dlstudio/ui/dataframe_model.py" line="141"/>
        <source>Missing value</source>
        <translation>缺失值</translation>
    </message>
</context>
<context>
    <name>DataPanel</name>
    <message>
        <location filename="../../dlstudio/ui/panels/data_panel.py" line="80"/>
        <source>Open another CSV…</source>
        <translation>打开其他 CSV…</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/data_panel.py" line="84"/>
        <source>The file&apos;s text encoding, as detected. If its text looks wrong, choose the encoding it was saved in: the file is read again.</source>
        <translation>文件的文本编码（自动检测）。如果文字显示不对，请选择文件保存时使用的编码：文件会重新读取。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/data_panel.py" line="93"/>
        <source>Encoding:</source>
        <translation>编码：</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/data_panel.py" line="117"/>
        <source>Next: build the model →</source>
        <translation>下一步：搭建模型 →</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/data_panel.py" line="131"/>
        <source>Rows</source>
        <translation>数据行</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/data_panel.py" line="155"/>
        <source>Columns and roles</source>
        <translation>列与角色</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/data_panel.py" line="160"/>
        <source>All features</source>
        <translation>全部作为特征</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/data_panel.py" line="161"/>
        <source>Use every usable column except the label as an input</source>
        <translation>把标签以外所有可用的列都作为输入</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/data_panel.py" line="163"/>
        <source>No features</source>
        <translation>清空特征</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/data_panel.py" line="164"/>
        <source>Clear the inputs, then pick the few you want</source>
        <translation>清空输入，再挑选你需要的几列</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/data_panel.py" line="166"/>
        <source>Several labels (multi-output regression)</source>
        <translation>多个标签（多输出回归）</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/data_panel.py" line="167"/>
        <source>Allow more than one numeric label column; the network then predicts them all at once</source>
        <translation>允许多个数值标签列；网络会同时预测它们</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/data_panel.py" line="203"/>
        <source>comma</source>
        <translation>逗号</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/data_panel.py" line="203"/>
        <source>semicolon</source>
        <translation>分号</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/data_panel.py" line="203"/>
        <source>tab</source>
        <translation>制表符</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/data_panel.py" line="204"/>
        <source>pipe</source>
        <translation>竖线</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/data_panel.py" line="205"/>
        <source>%s rows × %d columns · %s-separated</source>
        <translation>%s 行 × %d 列 · %s分隔</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/data_panel.py" line="221"/>
        <source>Columns are profiled once the whole file is read…</source>
        <translation>整个文件读完后再分析各列…</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/data_panel.py" line="226"/>
        <source>loading… the first %d rows are shown meanwhile</source>
        <translation>正在加载… 先显示前 %d 行</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/data_panel.py" line="254"/>
        <source>The first %d rows, shown while the whole file is read.</source>
        <translation>读取整个文件期间，先显示前 %d 行。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/data_panel.py" line="256"/>
        <source>Showing the first %s of %s rows; scroll down for more.</source>
        <translation>显示前 %s 行（共 %s 行），向下滚动查看更多。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/data_panel.py" line="259"/>
        <source>All %s rows shown.</source>
        <translation>已显示全部 %s 行。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/data_panel.py" line="267"/>
        <source>%d features · %d label · %d ignored</source>
        <translation>%d 个特征 · %d 个标签 · %d 个忽略</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/data_panel.py" line="271"/>
        <source>Choose a label and at least one feature first</source>
        <translation>请先选择一个标签和至少一个特征</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/data_panel.py" line="312"/>
        <source>Opening %s…</source>
        <translation>正在打开 %s…</translation>
    </message>
</context>
<context>
    <name>DataTask</name>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_task.py" line="18"/>
        <source>regression</source>
        <translation>回归</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_task.py" line="19"/>
        <source>binary classification</source>
        <translation>二分类</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_task.py" line="20"/>
        <source>multi-class classification</source>
        <translation>多分类</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_task.py" line="27"/>
        <source>{0} numeric label columns</source>
        <translation>{0} 个数值标签列</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_task.py" line="28"/>
        <source>2 distinct values in &apos;{0}&apos;</source>
        <translation>&apos;{0}&apos; 中有 2 个不同的值</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_task.py" line="29"/>
        <source>{0} text values in &apos;{1}&apos;</source>
        <translation>&apos;{1}&apos; 中有 {0} 个文本值</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_task.py" line="30"/>
        <source>{0} whole-number values in &apos;{1}&apos;</source>
        <translation>&apos;{1}&apos; 中有 {0} 个整数值</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_task.py" line="31"/>
        <source>&apos;{0}&apos; holds numbers with {1} different values</source>
        <translation>&apos;{0}&apos; 是数值，有 {1} 个不同的值</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_task.py" line="32"/>
        <source>chosen by you</source>
        <translation>由你选择</translation>
    </message>
</context>
<context>
    <name>EmptyDataPage</name>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_empty.py" line="30"/>
        <source>Start with a table of examples</source>
        <translation>从一张样本表开始</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_empty.py" line="32"/>
        <source>Each row is one example. The network learns to predict one column (the label) from the others (the features).</source>
        <translation>每一行是一个样本。网络学习用其他列（特征）来预测某一列（标签）。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_empty.py" line="36"/>
        <source>Drop a CSV here, or click to open one</source>
        <translation>把 CSV 文件拖到这里，或点击打开</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_empty.py" line="37"/>
        <source>Comma, semicolon, tab or pipe separated · UTF-8, Windows-1252, GB18030, Big5, Shift-JIS or EUC-KR · the first line names the columns</source>
        <translation>逗号、分号、制表符或竖线分隔 · UTF-8、Windows-1252、GB18030、Big5、Shift-JIS 或 EUC-KR 编码 · 第一行为列名</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_empty.py" line="45"/>
        <source>Or try a sample data set:</source>
        <translation>或者试试示例数据集：</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_empty.py" line="50"/>
        <source>Recent files:</source>
        <translation>最近的文件：</translation>
    </message>
</context>
<context>
    <name>EpochLog</name>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_log.py" line="129"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_log.py" line="130"/>
        <source>Copy the epoch log (or the selected rows) as tab-separated text, ready to paste into a spreadsheet (Ctrl+C)</source>
        <translation>把每轮日志（或选中的行）复制为制表符分隔的文本，可直接粘贴到电子表格中（Ctrl+C）</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_log.py" line="134"/>
        <source>&lt;b&gt;Epoch log&lt;/b&gt;</source>
        <translation>&lt;b&gt;每轮日志&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>EpochLogModel</name>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_log.py" line="33"/>
        <source>metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_log.py" line="36"/>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_log.py" line="36"/>
        <source>train loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_log.py" line="36"/>
        <source>val loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_log.py" line="36"/>
        <source>lr</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_log.py" line="37"/>
        <source>seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_log.py" line="63"/>
        <source>Stop cut this epoch short: %d of its %d batches ran</source>
        <translation>“停止”使本轮提前结束：只运行了 %d / %d 个批次</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_log.py" line="65"/>
        <source>Best validation loss so far</source>
        <translation>目前最低的验证损失</translation>
    </message>
</context>
<context>
    <name>EvaluationView</name>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_evaluation.py" line="41"/>
        <location filename="../../dlstudio/ui/widgets/results_evaluation.py" line="150"/>
        <source>Per class</source>
        <translation>各类别</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_evaluation.py" line="56"/>
        <location filename="../../dlstudio/ui/widgets/results_evaluation.py" line="115"/>
        <source>Metrics</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_evaluation.py" line="75"/>
        <source>Label:</source>
        <translation>标签：</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_evaluation.py" line="116"/>
        <source>as saved with the model</source>
        <translation>随模型保存的结果</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_evaluation.py" line="140"/>
        <location filename="../../dlstudio/ui/widgets/results_evaluation.py" line="165"/>
        <source>validation split</source>
        <translation>验证集</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_evaluation.py" line="144"/>
        <source>training split</source>
        <translation>训练集</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_evaluation.py" line="147"/>
        <source>The confusion matrix appears after predicting on a CSV that still has the label column (Predict on CSV…).</source>
        <translation>对仍含标签列的 CSV 进行预测（对 CSV 预测…）后，这里会显示混淆矩阵。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_evaluation.py" line="153"/>
        <source>Confusion matrix · %s</source>
        <translation>混淆矩阵 · %s</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_evaluation.py" line="159"/>
        <source>The plots need predictions with known answers. They appear after training, or after predicting on a CSV that still has the label column (Predict on CSV…).</source>
        <translation>图表需要有已知答案的预测结果。训练结束后，或对仍含标签列的 CSV 进行预测（对 CSV 预测…）后，图表就会出现。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_evaluation.py" line="166"/>
        <source>training split (there is no validation split)</source>
        <translation>训练集（没有验证集）</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_evaluation.py" line="182"/>
        <source>R²</source>
        <translation>R²</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_evaluation.py" line="182"/>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_evaluation.py" line="188"/>
        <source>✔ &lt;b&gt;It learned:&lt;/b&gt; validation %s %s, against %s for the baseline (always the %s).</source>
        <translation>✔ &lt;b&gt;学到了：&lt;/b&gt;验证集 %s 为 %s，而基线为 %s（总是预测%s）。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_evaluation.py" line="192"/>
        <source>✘ &lt;b&gt;No better than the baseline:&lt;/b&gt; validation %s %s, against %s for always the %s. Train longer, try another learning rate, or check the features.</source>
        <translation>✘ &lt;b&gt;没有超过基线：&lt;/b&gt;验证集 %s 为 %s，而基线为 %s（总是预测%s）。请多训练一段时间、换一个学习率，或检查特征。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_evaluation.py" line="197"/>
        <source>There is no validation split, so these numbers come from the rows the network trained on; they overstate how well it does on new data.</source>
        <translation>没有验证集，所以这些数字来自网络训练用过的行；它们会高估模型在新数据上的表现。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_evaluation.py" line="202"/>
        <source>⚠ &lt;b&gt;Over-fitting:&lt;/b&gt; training %s %s but validation %s. More data, dropout, weight decay or fewer epochs (early stopping) help.</source>
        <translation>⚠ &lt;b&gt;过拟合：&lt;/b&gt;训练集 %s 为 %s，但验证集只有 %s。增加数据、使用 Dropout、权重衰减或减少轮数（提前停止）都会有帮助。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_evaluation.py" line="206"/>
        <source>Training %s %s and validation %s are close: no strong over-fitting.</source>
        <translation>训练集 %s 为 %s，验证集为 %s，二者接近：没有明显的过拟合。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_evaluation.py" line="209"/>
        <source>On %s: %s %s.</source>
        <translation>在 %s 上：%s 为 %s。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_evaluation.py" line="211"/>
        <source>No metrics were saved with this model. Predict on a CSV that still has the label column to measure it.</source>
        <translation>这个模型没有保存指标。对仍含标签列的 CSV 进行预测即可评估它。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_evaluation.py" line="216"/>
        <source>training mean</source>
        <translation>训练集均值</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_evaluation.py" line="216"/>
        <source>most common class</source>
        <translation>最常见的类别</translation>
    </message>
</context>
<context>
    <name>LayerCommands</name>
    <message>
        <location filename="../../dlstudio/ui/widgets/layer_commands.py" line="60"/>
        <source>Add %s</source>
        <translation>添加 %s</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/layer_commands.py" line="68"/>
        <source>Remove %s</source>
        <translation>删除 %s</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/layer_commands.py" line="76"/>
        <source>Duplicate %s</source>
        <translation>复制 %s</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/layer_commands.py" line="84"/>
        <source>Move %s</source>
        <translation>移动 %s</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/layer_commands.py" line="90"/>
        <source>Preset %s</source>
        <translation>预设 %s</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/layer_commands.py" line="99"/>
        <source>Set %s of %s</source>
        <translation>设置%s（%s）</translation>
    </message>
</context>
<context>
    <name>LayerRow</name>
    <message>
        <location filename="../../dlstudio/ui/widgets/layer_row.py" line="30"/>
        <source>units</source>
        <translation>单元数</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/layer_row.py" line="31"/>
        <source>drop p</source>
        <translation>丢弃率 p</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/layer_row.py" line="32"/>
        <source>negative slope</source>
        <translation>负斜率</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/layer_row.py" line="33"/>
        <source>alpha</source>
        <translation>alpha</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/layer_row.py" line="71"/>
        <source>Drag to move this layer</source>
        <translation>拖动以移动这一层</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/layer_row.py" line="122"/>
        <source>%s: from %s to %s</source>
        <translation>%s：从 %s 到 %s</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/layer_row.py" line="159"/>
        <source>Sized by the task: %s</source>
        <translation>由任务决定大小：%s</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/layer_row.py" line="163"/>
        <source>Sized by the task: %s. Type a number to override.</source>
        <translation>由任务决定大小：%s。输入数字可手动指定。</translation>
    </message>
</context>
<context>
    <name>LayerStack</name>
    <message>
        <location filename="../../dlstudio/ui/widgets/layer_stack.py" line="25"/>
        <source>Fully connected: every output is a weighted sum of all inputs plus a bias.</source>
        <translation>全连接层：每个输出都是所有输入的加权和再加上偏置。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/layer_stack.py" line="27"/>
        <source>max(0, x): the usual activation between Linear layers.</source>
        <translation>max(0, x)：Linear 层之间最常用的激活函数。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/layer_stack.py" line="28"/>
        <source>Like ReLU, but lets a small slope through for negative inputs.</source>
        <translation>类似 ReLU，但负输入时保留一个小斜率。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/layer_stack.py" line="29"/>
        <source>A smooth ReLU, common in transformers.</source>
        <translation>平滑版的 ReLU，常用于 Transformer。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/layer_stack.py" line="30"/>
        <source>x · sigmoid(x), a smooth ReLU (also called Swish).</source>
        <translation>x · sigmoid(x)，平滑版的 ReLU（也叫 Swish）。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/layer_stack.py" line="31"/>
        <source>Squashes values into −1…1.</source>
        <translation>把数值压缩到 −1…1。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/layer_stack.py" line="32"/>
        <source>Squashes values into 0…1. Not needed before a loss that takes logits.</source>
        <translation>把数值压缩到 0…1。接收 logits 的损失函数之前不需要它。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/layer_stack.py" line="34"/>
        <source>Like ReLU, with a smooth exponential curve for negative inputs.</source>
        <translation>类似 ReLU，负输入部分是平滑的指数曲线。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/layer_stack.py" line="35"/>
        <source>Normalises each feature over the batch; often speeds up training.</source>
        <translation>在批内对每个特征做归一化；通常能加快训练。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/layer_stack.py" line="36"/>
        <source>Normalises each sample over its features.</source>
        <translation>对每个样本在其特征上做归一化。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/layer_stack.py" line="37"/>
        <source>Zeroes a random fraction p of values while training, against over-fitting.</source>
        <translation>训练时随机把比例为 p 的数值置零，用来防止过拟合。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/layer_stack.py" line="41"/>
        <source>Linear model</source>
        <translation>线性模型</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/layer_stack.py" line="42"/>
        <source>MLP 64-64</source>
        <translation>MLP 64-64</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/layer_stack.py" line="43"/>
        <source>MLP 128-64 + BatchNorm + Dropout</source>
        <translation>MLP 128-64 + BatchNorm + Dropout</translation>
    </message>
</context>
<context>
    <name>LayerStackEditor</name>
    <message>
        <location filename="../../dlstudio/ui/widgets/layer_stack.py" line="132"/>
        <location filename="../../dlstudio/ui/widgets/layer_stack.py" line="162"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/layer_stack.py" line="134"/>
        <location filename="../../dlstudio/ui/widgets/layer_stack.py" line="162"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/layer_stack.py" line="137"/>
        <source>Duplicate</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/layer_stack.py" line="138"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/layer_stack.py" line="140"/>
        <location filename="../../dlstudio/ui/widgets/layer_stack.py" line="154"/>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/layer_stack.py" line="142"/>
        <location filename="../../dlstudio/ui/widgets/layer_stack.py" line="154"/>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/layer_stack.py" line="186"/>
        <source>The stack is empty: add a Linear layer from the palette below, or pick a preset.</source>
        <translation>层堆叠是空的：从下方的组件中添加一个 Linear 层，或选择一个预设。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/layer_stack.py" line="191"/>
        <source>Add a layer (below the selected one):</source>
        <translation>添加一层（加在选中层的下方）：</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/layer_stack.py" line="299"/>
        <source>sized by the label once data is loaded</source>
        <translation>加载数据后由标签决定大小</translation>
    </message>
</context>
<context>
    <name>LedgerView</name>
    <message>
        <location filename="../../dlstudio/ui/widgets/ledger_view.py" line="176"/>
        <source>Shapes appear here once the data is known.</source>
        <translation>确定数据后，这里会显示各层的形状。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/ledger_view.py" line="186"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/ledger_view.py" line="186"/>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/ledger_view.py" line="186"/>
        <source>Output shape</source>
        <translation>输出形状</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/ledger_view.py" line="186"/>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/ledger_view.py" line="187"/>
        <source>Input X</source>
        <translation>输入 X</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/ledger_view.py" line="192"/>
        <source>  auto</source>
        <translation>  auto</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/ledger_view.py" line="197"/>
        <location filename="../../dlstudio/ui/widgets/ledger_view.py" line="199"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/ledger_view.py" line="197"/>
        <source>%d layers</source>
        <translation>%d 层</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/ledger_view.py" line="202"/>
        <source>Output %s matches labels %s for %s</source>
        <translation>输出 %s 与标签 %s 匹配（%s）</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/ledger_view.py" line="208"/>
        <source>Output %s does not fit labels %s for %s: fix row %s.</source>
        <translation>输出 %s 与标签 %s 不匹配（%s）：请修改第 %s 行。</translation>
    </message>
</context>
<context>
    <name>LivePlots</name>
    <message>
        <location filename="../../dlstudio/ui/plots.py" line="57"/>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/plots.py" line="101"/>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/plots.py" line="101"/>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/plots.py" line="104"/>
        <source>Metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/plots.py" line="107"/>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/plots.py" line="107"/>
        <source>lr</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/plots.py" line="117"/>
        <source>batch loss (smoothed)</source>
        <translation>批损失（平滑）</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/plots.py" line="118"/>
        <source>training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/plots.py" line="119"/>
        <source>validation loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/plots.py" line="131"/>
        <location filename="../../dlstudio/ui/plots.py" line="197"/>
        <source>best epoch</source>
        <translation>最佳轮次</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/plots.py" line="336"/>
        <source>best epoch (%d)</source>
        <translation>最佳轮次 (%d)</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/plots.py" line="400"/>
        <source>Epoch %d</source>
        <translation>第 %d 轮</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/plots.py" line="400"/>
        <source>training loss %s</source>
        <translation>训练损失 %s</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/plots.py" line="402"/>
        <source>validation loss %s</source>
        <translation>验证损失 %s</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/plots.py" line="405"/>
        <source>learning rate %s</source>
        <translation>学习率 %s</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../dlstudio/ui/main_window.py" line="215"/>
        <source>1  Data</source>
        <translation>1  数据</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/main_window.py" line="215"/>
        <source>2  Model</source>
        <translation>2  模型</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/main_window.py" line="215"/>
        <source>3  Train</source>
        <translation>3  训练</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/main_window.py" line="215"/>
        <source>4  Results</source>
        <translation>4  结果</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/main_window.py" line="102"/>
        <source>&amp;Open CSV…</source>
        <translation>打开 CSV(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/main_window.py" line="103"/>
        <source>Open a CSV file to learn from</source>
        <translation>打开一个用于学习的 CSV 文件</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/main_window.py" line="104"/>
        <source>&amp;Save Parameters…</source>
        <translation>保存参数(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/main_window.py" line="106"/>
        <source>Save the trained weights (params.pkl) and model.json beside them</source>
        <translation>保存训练好的权重（params.pkl），并在同一位置保存 model.json</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/main_window.py" line="107"/>
        <source>&amp;Load Parameters…</source>
        <translation>加载参数(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/main_window.py" line="109"/>
        <source>Put saved weights (.pkl) onto the current layer stack</source>
        <translation>把已保存的权重（.pkl）加载到当前的层堆叠上</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/main_window.py" line="110"/>
        <source>Save &amp;Model…</source>
        <translation>保存模型(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/main_window.py" line="112"/>
        <source>Save model.json and params.pkl to a folder</source>
        <translation>把 model.json 和 params.pkl 保存到一个文件夹</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/main_window.py" line="113"/>
        <source>Open Mo&amp;del…</source>
        <translation>打开模型(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/main_window.py" line="115"/>
        <source>Open a saved model.json with its parameters</source>
        <translation>打开已保存的 model.json 及其参数</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/main_window.py" line="116"/>
        <source>&amp;Predict on CSV…</source>
        <translation>对 CSV 预测(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/main_window.py" line="118"/>
        <source>Run the model on a new CSV and see its predictions</source>
        <translation>用模型处理新的 CSV 并查看预测结果</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/main_window.py" line="119"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/main_window.py" line="121"/>
        <source>&amp;Start Training</source>
        <translation>开始训练(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/main_window.py" line="122"/>
        <source>Start training (F5)</source>
        <translation>开始训练（F5）</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/main_window.py" line="123"/>
        <location filename="../../dlstudio/ui/main_window.py" line="334"/>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/main_window.py" line="124"/>
        <source>Pause or resume training (F6)</source>
        <translation>暂停或继续训练（F6）</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/main_window.py" line="125"/>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/main_window.py" line="127"/>
        <source>Stop training; the model keeps what it learned so far (Esc)</source>
        <translation>停止训练；模型保留目前学到的内容（Esc）</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/main_window.py" line="128"/>
        <source>&amp;About DL Studio</source>
        <translation>关于 DL Studio(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/main_window.py" line="132"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/main_window.py" line="134"/>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/main_window.py" line="137"/>
        <source>Open Sa&amp;mple Data</source>
        <translation>打开示例数据(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/main_window.py" line="148"/>
        <source>&amp;Train</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/main_window.py" line="151"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/main_window.py" line="156"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/main_window.py" line="164"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/main_window.py" line="168"/>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/main_window.py" line="185"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/main_window.py" line="210"/>
        <source>Loading cancelled; nothing was changed.</source>
        <translation>已取消加载；没有任何改动。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/main_window.py" line="232"/>
        <source>Open CSV</source>
        <translation>打开 CSV</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/main_window.py" line="233"/>
        <source>Data files (*.csv *.tsv *.txt);;All files (*)</source>
        <translation>数据文件 (*.csv *.tsv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/main_window.py" line="241"/>
        <source>Stop training before opening other data.</source>
        <translation>请先停止训练，再打开其他数据。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/main_window.py" line="245"/>
        <source>Loading %s…</source>
        <translation>正在加载 %s…</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/main_window.py" line="260"/>
        <source>Loaded %s: %d rows × %d columns</source>
        <translation>已加载 %s：%d 行 × %d 列</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/main_window.py" line="278"/>
        <location filename="../../dlstudio/ui/main_window.py" line="317"/>
        <source>Training…</source>
        <translation>正在训练…</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/main_window.py" line="296"/>
        <source>Clear Recent Files</source>
        <translation>清除最近的文件</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/main_window.py" line="299"/>
        <source>(none yet)</source>
        <translation>（暂无）</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/drops.py" line="41"/>
        <source>Opened %s only: drop one file at a time (left alone: %s).</source>
        <translation>只打开了 %s：请一次拖入一个文件（未处理：%s）。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/drops.py" line="59"/>
        <source>Cannot open %s: drop a .csv, .tsv or .txt data file, a model .json or a parameter .pkl.</source>
        <translation>无法打开 %s：请拖入 .csv、.tsv 或 .txt 数据文件，模型 .json 或参数 .pkl 文件。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/drops.py" line="64"/>
        <source>Open or predict?</source>
        <translation>打开还是预测？</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/drops.py" line="65"/>
        <source>A trained model is open. What should %s be used for?</source>
        <translation>已打开一个训练好的模型。%s 要用来做什么？</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/drops.py" line="67"/>
        <source>Predict with the model</source>
        <translation>用模型预测</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/drops.py" line="68"/>
        <source>Open as training data</source>
        <translation>作为训练数据打开</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/main_window.py" line="310"/>
        <source>No data</source>
        <translation>无数据</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/main_window.py" line="312"/>
        <source>regression</source>
        <translation>回归</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/main_window.py" line="312"/>
        <source>binary</source>
        <translation>二分类</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/main_window.py" line="312"/>
        <source>multiclass</source>
        <translation>多分类</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/main_window.py" line="313"/>
        <source>Task: %s</source>
        <translation>任务：%s</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/main_window.py" line="314"/>
        <source>Task: –</source>
        <translation>任务：–</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/main_window.py" line="315"/>
        <source>Device: %s</source>
        <translation>设备：%s</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/main_window.py" line="334"/>
        <source>&amp;Resume</source>
        <translation>继续(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/main_window.py" line="353"/>
        <source>About DL Studio</source>
        <translation>关于 DL Studio</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/main_window.py" line="354"/>
        <source>&lt;h3&gt;DL Studio&lt;/h3&gt;&lt;p&gt;Teach a neural network from a CSV file and see every step: data in batches, a loss chosen by the task, layers whose output shape fits the labels, and an optimizer doing gradient descent.&lt;/p&gt;&lt;p&gt;Built on PyTorch, Qt (PySide6), pyqtgraph and pandas.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;DL Studio&lt;/h3&gt;&lt;p&gt;用一个 CSV 文件训练神经网络，并看清每一步：按批送入的数据、由任务决定的损失函数、输出形状与标签相符的各层，以及执行梯度下降的优化器。&lt;/p&gt;&lt;p&gt;基于 PyTorch、Qt（PySide6）、pyqtgraph 和 pandas 构建。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/main_window.py" line="361"/>
        <source>Change the language after training ends.</source>
        <translation>请在训练结束后再切换语言。</translation>
    </message>
</context>
<context>
    <name>MetricsTable</name>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_metrics.py" line="76"/>
        <source>Metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_metrics.py" line="76"/>
        <source>Validation</source>
        <translation>验证集</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_metrics.py" line="76"/>
        <source>Baseline · val</source>
        <translation>基线 · 验证集</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_metrics.py" line="77"/>
        <source>Training</source>
        <translation>训练集</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_metrics.py" line="77"/>
        <source>Baseline · train</source>
        <translation>基线 · 训练集</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_metrics.py" line="84"/>
        <source>MAE (mean absolute error) ↓</source>
        <translation>MAE（平均绝对误差）↓</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_metrics.py" line="84"/>
        <source>RMSE (root mean squared error) ↓</source>
        <translation>RMSE（均方根误差）↓</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_metrics.py" line="85"/>
        <source>R² (explained variance) ↑</source>
        <translation>R²（可解释方差）↑</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_metrics.py" line="85"/>
        <source>Accuracy ↑</source>
        <translation>准确率 ↑</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_metrics.py" line="86"/>
        <source>Macro-F1 ↑</source>
        <translation>宏 F1 ↑</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_metrics.py" line="86"/>
        <source>ROC-AUC ↑</source>
        <translation>ROC-AUC ↑</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_metrics.py" line="95"/>
        <source>Predicted file</source>
        <translation>预测的文件</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_metrics.py" line="102"/>
        <source>The simplest model, measured on the same split: always the training mean</source>
        <translation>最简单的模型，在同一数据划分上评估：总是预测训练集均值</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_metrics.py" line="103"/>
        <source>The simplest model, measured on the same split: always the training data&apos;s most common class</source>
        <translation>最简单的模型，在同一数据划分上评估：总是预测训练数据中最常见的类别</translation>
    </message>
</context>
<context>
    <name>ModelPanel</name>
    <message>
        <location filename="../../dlstudio/ui/panels/model_panel.py" line="54"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/model_panel.py" line="64"/>
        <source>Start from:</source>
        <translation>从预设开始：</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/model_panel.py" line="67"/>
        <source>Replace the stack with this preset (Ctrl+Z brings the old one back)</source>
        <translation>用这个预设替换层堆叠（Ctrl+Z 可恢复原来的）</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/model_panel.py" line="96"/>
        <source>Shape after every layer</source>
        <translation>每层之后的形状</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/model_panel.py" line="97"/>
        <source>The model as PyTorch prints it</source>
        <translation>PyTorch 打印出的模型</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/model_panel.py" line="103"/>
        <source>Layers (top = input)</source>
        <translation>层（顶部 = 输入）</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/model_panel.py" line="105"/>
        <source>Training settings</source>
        <translation>训练设置</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/model_panel.py" line="116"/>
        <source>Next: train →</source>
        <translation>下一步：训练 →</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/model_panel.py" line="154"/>
        <source>Load data in step 1 first: the input width comes from the feature columns, the output width from the label. You can build the stack already.</source>
        <translation>请先在第 1 步加载数据：输入宽度来自特征列，输出宽度来自标签。现在也可以先搭建层堆叠。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/model_panel.py" line="157"/>
        <source>Choose at least one feature column in step 1: the network has no input yet.</source>
        <translation>请在第 1 步至少选择一个特征列：网络还没有输入。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/model_panel.py" line="159"/>
        <source>Choose a label column in step 1: it sizes the output layer.</source>
        <translation>请在第 1 步选择一个标签列：它决定输出层的大小。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/model_panel.py" line="161"/>
        <source>Showing the model opened from %s.</source>
        <translation>显示的是从 %s 打开的模型。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/model_panel.py" line="138"/>
        <source>Training is running: the layers and settings can be changed when it ends (Stop, or wait).</source>
        <translation>正在训练：训练结束后（停止或等待完成）才能修改层与设置。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/model_panel.py" line="171"/>
        <source>Input: %s features · Output: from the label</source>
        <translation>输入：%s 个特征 · 输出：由标签决定</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/model_panel.py" line="172"/>
        <source>No shapes yet. %s</source>
        <translation>还没有形状。%s</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/model_panel.py" line="173"/>
        <source># the model appears here once the data is known</source>
        <translation># 确定数据后，这里会显示模型</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/model_panel.py" line="183"/>
        <source>Input: %d features → Output: %d (%s)</source>
        <translation>输入：%d 个特征 → 输出：%d（%s）</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/model_panel.py" line="185"/>
        <source>%s trainable parameters</source>
        <translation>%s 个可训练参数</translation>
    </message>
</context>
<context>
    <name>PredictionsModel</name>
    <message>
        <location filename="../../dlstudio/ui/widgets/predictions_view.py" line="70"/>
        <source>Predicted by the model</source>
        <translation>由模型预测</translation>
    </message>
</context>
<context>
    <name>PredictionsView</name>
    <message>
        <location filename="../../dlstudio/ui/widgets/predictions_view.py" line="88"/>
        <source>Predict on another CSV…</source>
        <translation>对另一个 CSV 预测…</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/predictions_view.py" line="90"/>
        <source>Export to CSV…</source>
        <translation>导出为 CSV…</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/predictions_view.py" line="117"/>
        <source>No predictions yet. Use &lt;b&gt;Predict on CSV…&lt;/b&gt; (or drop a CSV on the window) to run the model on new rows; the file needs the feature columns, in any order.</source>
        <translation>还没有预测结果。使用&lt;b&gt;对 CSV 预测…&lt;/b&gt;（或把 CSV 拖到窗口上）让模型处理新的行；文件需要包含特征列，顺序不限。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/predictions_view.py" line="123"/>
        <source>&lt;b&gt;%s&lt;/b&gt;: %d rows predicted · the tinted columns are the model&apos;s answers</source>
        <translation>&lt;b&gt;%s&lt;/b&gt;：已预测 %d 行 · 着色的列是模型的答案</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/predictions_view.py" line="128"/>
        <source>The file has the label column; metrics on it: %s</source>
        <translation>该文件含有标签列；在其上的指标：%s</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/predictions_view.py" line="136"/>
        <source>MAE</source>
        <translation>MAE</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/predictions_view.py" line="136"/>
        <source>RMSE</source>
        <translation>RMSE</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/predictions_view.py" line="136"/>
        <source>R²</source>
        <translation>R²</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/predictions_view.py" line="136"/>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/predictions_view.py" line="137"/>
        <source>macro-F1</source>
        <translation>宏 F1</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/predictions_view.py" line="137"/>
        <source>ROC-AUC</source>
        <translation>ROC-AUC</translation>
    </message>
</context>
<context>
    <name>PreparationBox</name>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_options.py" line="42"/>
        <source>Preparation</source>
        <translation>预处理</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_options.py" line="50"/>
        <source>None (raw values)</source>
        <translation>无（原始值）</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_options.py" line="51"/>
        <source>Z-score (mean 0, std 1)</source>
        <translation>Z-score（均值 0，标准差 1）</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_options.py" line="52"/>
        <source>Min-max (0 to 1)</source>
        <translation>Min-max（0 到 1）</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_options.py" line="53"/>
        <source>How each input column is scaled, fitted on the training rows only</source>
        <translation>每个输入列的缩放方式，只在训练集的行上拟合</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_options.py" line="57"/>
        <source>Fill in (mean or a &apos;(missing)&apos; category)</source>
        <translation>填补（均值或“(missing)”类别）</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_options.py" line="58"/>
        <source>Drop rows with a missing value</source>
        <translation>删除含缺失值的行</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_options.py" line="59"/>
        <source>Rows without a label are always left out</source>
        <translation>没有标签的行总会被排除</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_options.py" line="64"/>
        <source>Rows held back to check the model on data it did not learn from</source>
        <translation>留出的行，用来在模型没学过的数据上检验它</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_options.py" line="68"/>
        <source>The same seed gives the same split, so runs can be compared</source>
        <translation>相同的种子得到相同的划分，便于比较多次训练</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_options.py" line="70"/>
        <source>Standardize:</source>
        <translation>标准化：</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_options.py" line="70"/>
        <source>Missing values:</source>
        <translation>缺失值：</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_options.py" line="79"/>
        <source>seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_options.py" line="71"/>
        <source>Validation split:</source>
        <translation>验证集比例：</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_options.py" line="100"/>
        <source>Inputs become (x − mean) / std so no column dominates by its units;</source>
        <translation>输入变为 (x − 均值) / 标准差，避免某列因单位大而占主导；</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_options.py" line="101"/>
        <source>Inputs are mapped to 0…1 so no column dominates by its units;</source>
        <translation>输入被映射到 0…1，避免某列因单位大而占主导；</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_options.py" line="102"/>
        <source>Inputs go in raw: large units can slow or destabilise training;</source>
        <translation>输入保持原始值：数值单位过大会让训练变慢或不稳定；</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_options.py" line="104"/>
        <source>labels keep their units, so predictions read directly.</source>
        <translation>标签保留原单位，预测结果可以直接解读。</translation>
    </message>
</context>
<context>
    <name>RegressionPlots</name>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_plots.py" line="53"/>
        <source>Predicted vs actual</source>
        <translation>预测值 vs 实际值</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_plots.py" line="53"/>
        <source>Actual</source>
        <translation>实际值</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_plots.py" line="53"/>
        <source>Predicted</source>
        <translation>预测值</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_plots.py" line="54"/>
        <source>Residuals</source>
        <translation>残差</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_plots.py" line="54"/>
        <source>Predicted − actual</source>
        <translation>预测值 − 实际值</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_plots.py" line="54"/>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_plots.py" line="64"/>
        <source>perfect (y = x)</source>
        <translation>完美预测 (y = x)</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_plots.py" line="65"/>
        <source>rows</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_plots.py" line="85"/>
        <source>Predicted vs actual · %s</source>
        <translation>预测值 vs 实际值 · %s</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_plots.py" line="86"/>
        <source>Actual %s</source>
        <translation>实际 %s</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_plots.py" line="87"/>
        <source>Predicted %s</source>
        <translation>预测 %s</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_plots.py" line="105"/>
        <source>Residuals · %s</source>
        <translation>残差 · %s</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_plots.py" line="106"/>
        <source>Predicted − actual %s</source>
        <translation>预测 − 实际 %s</translation>
    </message>
</context>
<context>
    <name>ResultsFiles</name>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_files.py" line="71"/>
        <source>Wait for training to end (or stop it) first.</source>
        <translation>请先等待训练结束（或停止训练）。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_files.py" line="77"/>
        <source>There is no trained model to save yet.</source>
        <translation>还没有可保存的已训练模型。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_files.py" line="78"/>
        <source>Train one in step 3, or open a saved model.</source>
        <translation>请在第 3 步训练一个，或打开已保存的模型。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_files.py" line="84"/>
        <source>Save Parameters</source>
        <translation>保存参数</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_files.py" line="85"/>
        <source>PyTorch parameters (*.pkl)</source>
        <translation>PyTorch 参数 (*.pkl)</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_files.py" line="98"/>
        <source>Save Model</source>
        <translation>保存模型</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_files.py" line="99"/>
        <source>DL Studio model (*.json)</source>
        <translation>DL Studio 模型 (*.json)</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_files.py" line="123"/>
        <source>Replace %s?</source>
        <translation>替换 %s？</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_files.py" line="124"/>
        <source>%s is saved with %s beside it, and a file of that name is already there. Replace it?</source>
        <translation>%s 会与旁边的 %s 一起保存，而那里已有同名文件。要替换它吗？</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_files.py" line="138"/>
        <source>Saved %s and %s in %s.</source>
        <translation>已将 %s 和 %s 保存到 %s。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_files.py" line="149"/>
        <source>Load Parameters</source>
        <translation>加载参数</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_files.py" line="150"/>
        <source>PyTorch parameters (*.pkl *.pt *.pth);;All files (*)</source>
        <translation>PyTorch 参数 (*.pkl *.pt *.pth);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_files.py" line="173"/>
        <source>Loaded the parameters from %s onto the current layer stack; the inputs are prepared as the Data step says now.</source>
        <translation>已将 %s 中的参数加载到当前的层结构上；输入按“数据”步骤当前的设置进行预处理。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_files.py" line="193"/>
        <source>Loaded %s onto the model %s describes (its layers and input scaling); they changed since it was saved with them.</source>
        <translation>已将 %s 加载到 %s 所描述的模型上（使用它的层结构和输入缩放）；这些参数在与它一起保存之后已被修改。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_files.py" line="206"/>
        <source>There is no model to put the parameters onto.</source>
        <translation>没有可以加载这些参数的模型。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_files.py" line="207"/>
        <source>Open data and choose the layers (steps 1 and 2), or open the model.json saved with these parameters.</source>
        <translation>请打开数据并选择各层（第 1、2 步），或打开与这些参数一起保存的 model.json。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_files.py" line="220"/>
        <source>Open Model</source>
        <translation>打开模型</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_files.py" line="221"/>
        <source>DL Studio model (*.json);;PyTorch parameters (*.pkl *.pt *.pth)</source>
        <translation>DL Studio 模型 (*.json);;PyTorch 参数 (*.pkl *.pt *.pth)</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_files.py" line="252"/>
        <source>Opened %s. Its columns %s are not in %s, so the Data step keeps that file&apos;s choices: predict on a CSV that has them, or Start trains new weights on this file.</source>
        <translation>已打开 %s。它的列 %s 不在 %s 中，因此“数据”步骤保留该文件的选择：请在含有这些列的 CSV 上预测，或按“开始”在此文件上从新的权重训练。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_files.py" line="259"/>
        <source>Opened %s: ready to predict, or to train further.</source>
        <translation>已打开 %s：可以预测，也可以继续训练。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_files.py" line="266"/>
        <source>There are no predictions to export yet: use Predict on CSV first.</source>
        <translation>还没有可导出的预测结果：请先使用“对 CSV 预测”。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_files.py" line="269"/>
        <source>An export is already running; wait for it to end.</source>
        <translation>已有一个导出正在进行；请等待它结束。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_files.py" line="274"/>
        <source>Export Predictions</source>
        <translation>导出预测结果</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/results_files.py" line="275"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
</context>
<context>
    <name>ResultsPanel</name>
    <message>
        <location filename="../../dlstudio/ui/panels/results_panel.py" line="133"/>
        <source>Save Parameters…</source>
        <translation>保存参数…</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/results_panel.py" line="134"/>
        <source>params.pkl (the weights, torch.save) and model.json beside it</source>
        <translation>params.pkl（权重，用 torch.save 保存）以及同一位置的 model.json</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/results_panel.py" line="136"/>
        <source>Save Model…</source>
        <translation>保存模型…</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/results_panel.py" line="137"/>
        <source>Choose a name; model.json and its .pkl are written together</source>
        <translation>选择一个名称；model.json 和对应的 .pkl 会一起写入</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/results_panel.py" line="139"/>
        <source>Load Parameters…</source>
        <translation>加载参数…</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/results_panel.py" line="140"/>
        <source>Put saved weights (.pkl) onto the current layer stack</source>
        <translation>把已保存的权重（.pkl）加载到当前的层堆叠上</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/results_panel.py" line="142"/>
        <source>Open Model…</source>
        <translation>打开模型…</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/results_panel.py" line="143"/>
        <source>Restore a saved model with its data choices and settings</source>
        <translation>恢复已保存的模型，以及它的数据选项和设置</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/results_panel.py" line="146"/>
        <source>Predict on CSV…</source>
        <translation>对 CSV 预测…</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/results_panel.py" line="147"/>
        <source>Run the model on a new CSV file</source>
        <translation>用模型处理一个新的 CSV 文件</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/results_panel.py" line="148"/>
        <source>Export Predictions…</source>
        <translation>导出预测结果…</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/results_panel.py" line="149"/>
        <source>Write the predictions shown to a CSV file</source>
        <translation>把显示的预测结果写入 CSV 文件</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/results_panel.py" line="166"/>
        <source>Evaluate</source>
        <translation>评估</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/results_panel.py" line="167"/>
        <source>Predictions</source>
        <translation>预测</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/results_panel.py" line="184"/>
        <source>Go to Train</source>
        <translation>前往训练</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/results_panel.py" line="187"/>
        <source>Open a Saved Model…</source>
        <translation>打开已保存的模型…</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/results_panel.py" line="215"/>
        <location filename="../../dlstudio/ui/panels/results_panel.py" line="269"/>
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/results_panel.py" line="216"/>
        <source>Training is running; the results appear when it ends.</source>
        <translation>正在训练；训练结束后会显示结果。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/results_panel.py" line="218"/>
        <source>No model yet. Train one in step 3, or open a model you saved.</source>
        <translation>还没有模型。请在第 3 步训练一个，或打开你保存过的模型。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/results_panel.py" line="232"/>
        <source>Measuring on the validation split…</source>
        <translation>正在验证集上评估…</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/results_panel.py" line="257"/>
        <source>regression of %s</source>
        <translation>回归：%s</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/results_panel.py" line="258"/>
        <source>%s of %s into %d classes</source>
        <translation>%s：把 %s 分为 %d 类</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/results_panel.py" line="262"/>
        <source>network %s (%s parameters)</source>
        <translation>网络 %s（%s 个参数）</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/results_panel.py" line="265"/>
        <source>trained on %s</source>
        <translation>训练数据 %s</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/results_panel.py" line="267"/>
        <source>%s epochs in all</source>
        <translation>共 %s 轮</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/results_panel.py" line="270"/>
        <source>Last run: %s</source>
        <translation>最近一次运行：%s</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/results_panel.py" line="338"/>
        <source>There is no model to predict with yet.</source>
        <translation>还没有可用于预测的模型。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/results_panel.py" line="339"/>
        <source>Train one (step 3) or open a saved model first.</source>
        <translation>请先训练一个模型（第 3 步），或打开已保存的模型。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/results_panel.py" line="342"/>
        <source>Wait for training to end before predicting.</source>
        <translation>请等训练结束后再预测。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/results_panel.py" line="345"/>
        <source>Predict on CSV</source>
        <translation>对 CSV 预测</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/results_panel.py" line="346"/>
        <source>Data files (*.csv *.tsv *.txt);;All files (*)</source>
        <translation>数据文件 (*.csv *.tsv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/results_panel.py" line="349"/>
        <source>Predicting on %s…</source>
        <translation>正在对 %s 预测…</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/results_panel.py" line="371"/>
        <source>Predicted %d rows of %s.</source>
        <translation>已预测 %d 行（%s）。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/results_panel.py" line="384"/>
        <source>Exporting predictions to %s…</source>
        <translation>正在将预测结果导出到 %s…</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/results_panel.py" line="397"/>
        <source>Exporting predictions to %s… %d %%</source>
        <translation>正在将预测结果导出到 %s… %d %%</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/results_panel.py" line="403"/>
        <source>Exported %d predictions to %s.</source>
        <translation>已将 %d 条预测结果导出到 %s。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/results_panel.py" line="412"/>
        <source>The export was cancelled; no file was written.</source>
        <translation>导出已取消；没有写入任何文件。</translation>
    </message>
</context>
<context>
    <name>RoleDelegate</name>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_columns.py" line="214"/>
        <source>This column cannot play that role.</source>
        <translation>这一列不能充当该角色。</translation>
    </message>
</context>
<context>
    <name>Samples</name>
    <message>
        <location filename="../../dlstudio/resources.py" line="11"/>
        <source>Iris (3 flower species)</source>
        <translation>鸢尾花（3 个品种）</translation>
    </message>
    <message>
        <location filename="../../dlstudio/resources.py" line="12"/>
        <source>Diabetes (disease progression)</source>
        <translation>糖尿病（病情进展）</translation>
    </message>
</context>
<context>
    <name>ShapeBox</name>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_task.py" line="137"/>
        <source>What the network gets</source>
        <translation>网络的输入</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_task.py" line="172"/>
        <source>The first dimension is the batch: training feeds %d rows at a time, e.g. X (%d, %d).</source>
        <translation>第一维是批：训练时每次送入 %d 行，例如 X (%d, %d)。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_task.py" line="174"/>
        <source>%s rows train the model, %s check it.</source>
        <translation>%s 行用于训练，%s 行用于验证。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_task.py" line="188"/>
        <source>%s row(s) miss the label or an input and are left out.</source>
        <translation>%s 行缺少标签或某个输入，不参与训练。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_task.py" line="189"/>
        <source>%s row(s) have no label and are left out.</source>
        <translation>%s 行没有标签，不参与训练。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_task.py" line="199"/>
        <source>The %d feature columns give %d inputs: a category column gives one 0/1 input per category (one-hot): %s.</source>
        <translation>%d 个特征列给出 %d 个输入：类别列的每个类别各成为一个 0/1 输入（独热编码）：%s。</translation>
    </message>
</context>
<context>
    <name>TaskBox</name>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_task.py" line="41"/>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_task.py" line="46"/>
        <source>Automatic (from the label)</source>
        <translation>自动（由标签决定）</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_task.py" line="48"/>
        <source>The label decides the task; override it when the guess is wrong, e.g. whole-number codes that are really amounts</source>
        <translation>任务由标签决定；推断有误时可手动更改，例如实际表示数量的整数编码</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_task.py" line="57"/>
        <source>Task:</source>
        <translation>任务：</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_task.py" line="74"/>
        <source>Choose a label column.</source>
        <translation>请选择一个标签列。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_task.py" line="80"/>
        <source>Detected: &lt;b&gt;%s&lt;/b&gt; — %s</source>
        <translation>检测结果：&lt;b&gt;%s&lt;/b&gt; — %s</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_task.py" line="82"/>
        <source>Chosen: &lt;b&gt;%s&lt;/b&gt;</source>
        <translation>已选择：&lt;b&gt;%s&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_task.py" line="92"/>
        <source>Classes: </source>
        <translation>类别：</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_task.py" line="94"/>
        <source>and %d more</source>
        <translation>另有 %d 个</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/data_task.py" line="96"/>
        <source>Imbalanced: a weighted loss (Train step) helps the rare classes.</source>
        <translation>类别不平衡：使用加权损失（训练步骤中）有助于少数类别。</translation>
    </message>
</context>
<context>
    <name>TrainPanel</name>
    <message>
        <location filename="../../dlstudio/ui/panels/train_panel.py" line="81"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/train_panel.py" line="81"/>
        <source>Start training (F5)</source>
        <translation>开始训练（F5）</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/train_panel.py" line="83"/>
        <location filename="../../dlstudio/ui/panels/train_panel.py" line="307"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/train_panel.py" line="84"/>
        <source>Pause training; Resume goes on from the same batch</source>
        <translation>暂停训练；继续时从同一批接着训练</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/train_panel.py" line="85"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/train_panel.py" line="86"/>
        <source>Stop after the current batch; the model keeps what it learned (Esc)</source>
        <translation>在当前批结束后停止；模型保留已学到的内容（Esc）</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/train_panel.py" line="88"/>
        <source>Reset weights</source>
        <translation>重置权重</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/train_panel.py" line="89"/>
        <source>Start again from new random weights instead of continuing to train the current model</source>
        <translation>从新的随机权重重新开始，而不是继续训练当前模型</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/train_panel.py" line="92"/>
        <source>See results →</source>
        <translation>查看结果 →</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/train_panel.py" line="93"/>
        <source>Evaluate the trained model, save it, predict on new data</source>
        <translation>评估训练好的模型、保存它、在新数据上预测</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/train_panel.py" line="117"/>
        <source>Point at a plot to read the values at an epoch.</source>
        <translation>把鼠标指向图表可读取某一轮的数值。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/train_panel.py" line="119"/>
        <source>Log scale</source>
        <translation>对数刻度</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/train_panel.py" line="120"/>
        <source>Show the loss on a logarithmic scale</source>
        <translation>用对数刻度显示损失</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/train_panel.py" line="122"/>
        <source>Clear earlier runs</source>
        <translation>清除之前的训练</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/train_panel.py" line="123"/>
        <source>Remove the faded curves of earlier runs</source>
        <translation>移除之前训练留下的淡色曲线</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/train_panel.py" line="132"/>
        <source>The loss curves appear here while the network trains.</source>
        <translation>网络训练时，这里会显示损失曲线。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/train_panel.py" line="216"/>
        <source>Previous run: %s</source>
        <translation>上一次运行：%s</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/train_panel.py" line="228"/>
        <location filename="../../dlstudio/ui/panels/train_panel.py" line="359"/>
        <source>Paused — press Resume to go on</source>
        <translation>已暂停 — 按“继续”接着训练</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/train_panel.py" line="234"/>
        <location filename="../../dlstudio/ui/panels/train_panel.py" line="357"/>
        <source>Stopping after this batch…</source>
        <translation>本批结束后停止…</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/train_panel.py" line="251"/>
        <source>A file is being opened: Start waits for it (the run would train on the data before it).</source>
        <translation>正在打开一个文件：“开始”会等它读完（否则训练用的会是之前的数据）。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/train_panel.py" line="253"/>
        <source>Load a CSV in step 1 (Data) to train on it.</source>
        <translation>请在第 1 步（数据）加载一个 CSV 用于训练。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/train_panel.py" line="255"/>
        <source>Choose a label column in step 1 (Data).</source>
        <translation>请在第 1 步（数据）选择一个标签列。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/train_panel.py" line="264"/>
        <source>The layer stack does not fit the data: %s Fix it in step 2 (Model).</source>
        <translation>层堆叠与数据不匹配：%s 请在第 2 步（模型）中修正。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/train_panel.py" line="274"/>
        <source>, early stopping after %d epochs without improvement</source>
        <translation>，连续 %d 轮无改进则提前停止</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/train_panel.py" line="276"/>
        <source>%s · learning rate %g · batch %d · %d epochs%s</source>
        <translation>%s · 学习率 %g · 批大小 %d · %d 轮%s</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/train_panel.py" line="288"/>
        <source>Start trains the network from new random weights.</source>
        <translation>“开始”会从新的随机权重训练网络。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/train_panel.py" line="290"/>
        <source>Start trains again from new random weights (Reset weights is ticked).</source>
        <translation>“开始”会从新的随机权重重新训练（已勾选“重置权重”）。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/train_panel.py" line="294"/>
        <source>Start trains from new weights: the current model was built for other columns or another layer stack.</source>
        <translation>“开始”会从新的权重训练：当前模型是为其他列或其他层堆叠构建的。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/train_panel.py" line="297"/>
        <source>Start trains from new weights: the current model learned on inputs scaled another way (Standardize changed in the Data step).</source>
        <translation>“开始”将从新的权重训练：当前模型是在另一种缩放方式的输入上学习的（“数据”步骤中的标准化方式已更改）。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/train_panel.py" line="307"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/train_panel.py" line="332"/>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/train_panel.py" line="332"/>
        <source>R²</source>
        <translation>R²</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/train_panel.py" line="332"/>
        <source>F1 (macro)</source>
        <translation>F1（宏平均）</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/train_panel.py" line="333"/>
        <source>MAE</source>
        <translation>MAE</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/train_panel.py" line="333"/>
        <source>RMSE</source>
        <translation>RMSE</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/train_panel.py" line="333"/>
        <source>ROC AUC</source>
        <translation>ROC AUC</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/train_panel.py" line="340"/>
        <source>validation</source>
        <translation>验证集</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/train_panel.py" line="340"/>
        <source>training</source>
        <translation>训练集</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/train_panel.py" line="348"/>
        <source>Continuing from the current weights (%d epochs trained so far).</source>
        <translation>从当前权重继续训练（已训练 %d 轮）。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/train_panel.py" line="350"/>
        <source>Training from new weights: %s.</source>
        <translation>从新的权重开始训练：%s。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/train_panel.py" line="352"/>
        <source>Training from new random weights.</source>
        <translation>从新的随机权重开始训练。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/train_panel.py" line="353"/>
        <source>%s training rows, %s validation rows, %d batches per epoch.</source>
        <translation>训练 %s 行，验证 %s 行，每轮 %d 批。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/train_panel.py" line="387"/>
        <source>This run started from new weights and its loss diverged in the first epoch, so the window keeps the model trained before it. Try a smaller learning rate (now %g) or turn on gradient clipping.</source>
        <translation>这次运行从新的权重开始，其损失在第一轮就发散了，所以窗口保留此前训练好的模型。请尝试更小的学习率（现在为 %g），或开启梯度裁剪。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/train_panel.py" line="391"/>
        <source>Stopped before training began; the model is unchanged.</source>
        <translation>在训练开始前已停止；模型没有改变。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/train_panel.py" line="396"/>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/train_panel.py" line="394"/>
        <location filename="../../dlstudio/ui/panels/train_panel.py" line="408"/>
        <source>Stopped: the loss diverged</source>
        <translation>已停止：损失发散</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/train_panel.py" line="299"/>
        <source>Start continues training the current model (%s epochs so far); tick Reset weights to start over.</source>
        <translation>“开始”会继续训练当前模型（已训练 %s 轮）；勾选“重置权重”可从头开始。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/train_panel.py" line="408"/>
        <source>Stopped by you</source>
        <translation>已由你停止</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/train_panel.py" line="409"/>
        <source>Stopped early: no more improvement</source>
        <translation>提前停止：不再改进</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/train_panel.py" line="410"/>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/train_panel.py" line="419"/>
        <source>Training: %s</source>
        <translation>训练：%s</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/train_panel.py" line="423"/>
        <source>Training failed</source>
        <translation>训练失败</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/panels/train_panel.py" line="424"/>
        <source>Training failed; the model from before this run is unchanged. The reason is shown at the top of the window.</source>
        <translation>训练失败；本次训练之前的模型保持不变。原因显示在窗口顶部。</translation>
    </message>
</context>
<context>
    <name>TrainProgress</name>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_progress.py" line="67"/>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_progress.py" line="67"/>
        <source>Preparing the data…</source>
        <translation>正在准备数据…</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_progress.py" line="87"/>
        <source>Epoch %d of %d · batch %d of %d</source>
        <translation>第 %d/%d 轮 · 第 %d/%d 批</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_progress.py" line="89"/>
        <location filename="../../dlstudio/ui/widgets/train_progress.py" line="97"/>
        <source>%s samples/s</source>
        <translation>%s 样本/秒</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_progress.py" line="90"/>
        <source>elapsed %s</source>
        <translation>已用 %s</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_progress.py" line="93"/>
        <source>about %s left</source>
        <translation>约剩 %s</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_progress.py" line="105"/>
        <source>took %s</source>
        <translation>用时 %s</translation>
    </message>
</context>
<context>
    <name>TrainSettings</name>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_settings.py" line="76"/>
        <source>Loss</source>
        <translation>损失函数</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_settings.py" line="89"/>
        <location filename="../../dlstudio/ui/widgets/train_settings.py" line="93"/>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_settings.py" line="90"/>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_settings.py" line="90"/>
        <source>AdamW</source>
        <translation>AdamW</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_settings.py" line="91"/>
        <source>SGD with momentum</source>
        <translation>SGD（带动量）</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_settings.py" line="92"/>
        <source>RMSprop</source>
        <translation>RMSprop</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_settings.py" line="94"/>
        <source>Step size of gradient descent, e.g. 0.001 or 1e-3</source>
        <translation>梯度下降的步长，例如 0.001 或 1e-3</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_settings.py" line="99"/>
        <source>Learning rate on a log scale, from 0.00001 to 1</source>
        <translation>对数刻度的学习率，从 0.00001 到 1</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_settings.py" line="105"/>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_settings.py" line="106"/>
        <source>Used by SGD and RMSprop; from 0 up to (not incl.) 1</source>
        <translation>SGD 和 RMSprop 使用；取值从 0 到 1（不含 1）</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_settings.py" line="107"/>
        <source>Momentum</source>
        <translation>动量</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_settings.py" line="108"/>
        <source>L2 penalty on the weights; 0 = none</source>
        <translation>对权重的 L2 惩罚；0 = 不使用</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_settings.py" line="109"/>
        <source>Weight decay</source>
        <translation>权重衰减</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_settings.py" line="110"/>
        <source>Schedule</source>
        <translation>调度</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_settings.py" line="111"/>
        <source>Rows per gradient step</source>
        <translation>每次梯度更新使用的行数</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_settings.py" line="112"/>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_settings.py" line="113"/>
        <source>Passes over the training rows</source>
        <translation>遍历训练数据的次数</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_settings.py" line="114"/>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_settings.py" line="115"/>
        <source>Constant</source>
        <translation>恒定</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_settings.py" line="115"/>
        <source>Step decay</source>
        <translation>阶梯衰减</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_settings.py" line="116"/>
        <source>Cosine annealing</source>
        <translation>余弦退火</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_settings.py" line="117"/>
        <source>Reduce on plateau</source>
        <translation>停滞时降低</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_settings.py" line="118"/>
        <source>LR schedule</source>
        <translation>学习率调度</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_settings.py" line="120"/>
        <source>Stop after this many epochs without a better validation loss</source>
        <translation>验证损失连续这么多轮没有改善就停止</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_settings.py" line="121"/>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_settings.py" line="121"/>
        <source> epochs</source>
        <translation> 轮</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_settings.py" line="122"/>
        <source>Early stopping</source>
        <translation>提前停止</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_settings.py" line="123"/>
        <source>Largest gradient norm; 0 turns clipping off</source>
        <translation>梯度范数的上限；0 表示不裁剪</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_settings.py" line="124"/>
        <source>Gradient clip</source>
        <translation>梯度裁剪</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_settings.py" line="125"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_settings.py" line="126"/>
        <source>The same seed gives the same run</source>
        <translation>相同的种子得到相同的训练结果</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_settings.py" line="127"/>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_settings.py" line="128"/>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_settings.py" line="128"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_settings.py" line="129"/>
        <location filename="../../dlstudio/ui/widgets/train_settings.py" line="312"/>
        <source>CUDA GPU</source>
        <translation>CUDA GPU</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_settings.py" line="130"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_settings.py" line="201"/>
        <source>&apos;%s&apos; is not a number.</source>
        <translation>“%s”不是数字。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_settings.py" line="221"/>
        <source>Kept %s.</source>
        <translation>仍使用 %s。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_settings.py" line="249"/>
        <source>Chosen from the label</source>
        <translation>由标签决定</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_settings.py" line="250"/>
        <source>Load data and choose a label: the loss follows the task.</source>
        <translation>请加载数据并选择标签：损失函数随任务而定。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_settings.py" line="252"/>
        <source>%s (proposed)</source>
        <translation>%s（建议）</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_settings.py" line="309"/>
        <source>CUDA GPU (not available here)</source>
        <translation>CUDA GPU（此处不可用）</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_settings.py" line="315"/>
        <source>PyTorch finds no CUDA GPU here; choose CPU or Automatic.</source>
        <translation>PyTorch 在这里找不到 CUDA GPU；请选择 CPU 或“自动”。</translation>
    </message>
    <message>
        <location filename="../../dlstudio/ui/widgets/train_settings.py" line="317"/>
        <source>Whether a CUDA GPU is available is checked when training starts.</source>
        <translation>训练开始时才会检查是否有可用的 CUDA GPU。</translation>
    </message>
</context>
</TS>
